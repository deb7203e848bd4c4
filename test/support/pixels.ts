import { PNG } from 'pngjs';

/** How many pixels of a PNG have the colour `hex` (#rrggbb), give or take rounding. */
export function pixelsOf(png: Buffer, hex: string): number {
  const image = PNG.sync.read(png);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs(image.data[i]! - r!) <= 2 &&
      Math.abs(image.data[i + 1]! - g!) <= 2 &&
      Math.abs(image.data[i + 2]! - b!) <= 2
    )
      count++;
  }
  return count;
}
