import { describe, expect, it } from 'vitest';
import { HTML_PAGE, JPEG_HEAD, pngLogo, SAFE_SVG } from '@/test/support/logos';
import { checkLogo, logoRefusalOf, MAX_LOGO_BYTES, readLogo } from './logo';

function refusal(bytes: Buffer | string): string | null {
  try {
    checkLogo(Buffer.from(bytes));
    return null;
  } catch (error) {
    return logoRefusalOf(error);
  }
}

const svg = (body: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${body}</svg>`;

describe('logo check by content', () => {
  it('accepts a PNG, a JPEG and a plain SVG, named by their hash', () => {
    const png = checkLogo(pngLogo());
    expect(png).toMatchObject({ extension: 'png', contentType: 'image/png' });
    expect(png.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(checkLogo(JPEG_HEAD)).toMatchObject({ extension: 'jpg', contentType: 'image/jpeg' });
    expect(checkLogo(Buffer.from(SAFE_SVG))).toMatchObject({
      extension: 'svg',
      contentType: 'image/svg+xml',
    });
    expect(
      checkLogo(
        Buffer.from(
          svg('<svg:rect/>')
            .replace('<svg ', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg" ')
            .replace('</svg>', '</svg:svg>'),
        ),
      ).extension,
    ).toBe('svg');
  });

  it('refuses what is no image whatever its name: an HTML page, text, a GIF, nothing', () => {
    expect(refusal(HTML_PAGE)).toBe('logoType');
    expect(refusal('just text')).toBe('logoType');
    expect(refusal(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBe('logoType');
    expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe('logoType');
    expect(refusal(Buffer.alloc(0))).toBe('logoEmpty');
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>')],
    [
      'a script in another namespace',
      svg('<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'),
    ],
    ['an event handler', svg('<rect width="1" height="1"/>', ' onload="alert(1)"')],
    ['an event handler on a child', svg('<rect onclick="alert(1)"/>')],
    ['a javascript: href', svg('<a href="javascript:alert(1)"><rect/></a>')],
    ['a javascript: href on use', svg('<use xlink:href="javascript:alert(1)"/>')],
    ['a javascript: href spelled with references', svg('<use href="jav&#x61;script:alert(1)"/>')],
    ['an external use', svg('<use href="https://evil.example/x.svg#a"/>')],
    [
      'foreignObject',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
    ],
    ['an image', svg('<image href="https://evil.example/track.png"/>')],
    ['an animation rewriting an href', svg('<set attributeName="href" to="javascript:alert(1)"/>')],
    [
      'a DOCTYPE with entities',
      `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`,
    ],
    ['a stylesheet instruction', `<?xml-stylesheet href="https://evil.example/x.css"?>${svg('')}`],
    ['url() in a style attribute', svg('<rect style="fill: url(https://evil.example/x)"/>')],
    ['url() in a style element', svg('<style>rect { background: url("//evil.example/x") }</style>')],
    ['@import', svg('<style>@import "https://evil.example/x.css";</style>')],
    ['a CSS escape', svg('<style>rect { fill: \\75 rl(x) }</style>')],
    ['an unknown attribute', svg('<rect data-x="1"/>')],
    ['XML that is not well-formed', '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'],
  ])('refuses an SVG with %s', (_, text) => {
    expect(refusal(text)).toBe('logoUnsafeSvg');
  });

  it('refuses more than 512 kB, and reads no further than the limit', async () => {
    const big = Buffer.concat([pngLogo(), Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(refusal(big)).toBe('logoTooLarge');
    await expect(readLogo(new Blob([new Uint8Array(big)]))).rejects.toMatchObject({
      message: 'logoTooLarge',
    });
    // A stream longer than the size it claims is cut off as well.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const lying = { size: 10, stream: () => endless } as unknown as Blob;
    await expect(readLogo(lying)).rejects.toMatchObject({ message: 'logoTooLarge' });
    expect(pulled).toBeLessThanOrEqual(10);
    expect((await readLogo(new Blob([new Uint8Array(pngLogo())]))).equals(pngLogo())).toBe(true);
  });
});
