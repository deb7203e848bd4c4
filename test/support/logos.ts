import { PNG } from 'pngjs';

// Logos for the branding tests, made here rather than shipped as binary files.

/** A real PNG of one colour, `width` × `height`. */
export function pngLogo(rgb: [number, number, number] = [15, 92, 77], width = 40, height = 20): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

/** The start of a JPEG (SOI, a JFIF APP0 segment): enough for a check by content. */
export const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xd9,
]);

export const SAFE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a logo -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 40" width="120" height="40">
  <title>Nordlicht</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0f5c4d"/><stop offset="1" stop-color="#1f4f8f"/></linearGradient></defs>
  <style>.t { font-weight: bold; fill: url(#g) }</style>
  <rect width="120" height="40" rx="6" fill="url(#g)"/>
  <path id="p" d="M10 20 L30 10 L30 30 Z" fill="#fff"/>
  <use xlink:href="#p" x="40"/>
  <text class="t" x="70" y="26" font-size="14">N</text>
</svg>`;

export const HTML_PAGE = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>';
