import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { DomainError } from '@/lib/errors';
import { MAX_LOGO_BYTES } from './limits';

// A merchant's logo is shown on every shopper page and drawn into the widget, so an upload is
// judged by its bytes, never by its name or the browser's content type: PNG and JPEG by their
// signature, SVG by a strict XML parse against an allow-list. Whatever is not known to be inert
// is refused rather than cleaned, so what is stored is exactly what was checked.

export { MAX_LOGO_BYTES };

export const LOGO_TYPES = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' } as const;
export type LogoExtension = keyof typeof LOGO_TYPES;

export type CheckedLogo = {
  bytes: Buffer;
  contentType: (typeof LOGO_TYPES)[LogoExtension];
  extension: LogoExtension;
  /** Hex SHA-256 of the bytes: the logo's name in its URL, so a new logo is a new URL. */
  sha256: string;
};

/** Why a logo was refused: each is a message key under `staffBranding.errors`. */
export type LogoRefusal = 'logoEmpty' | 'logoTooLarge' | 'logoType' | 'logoUnsafeSvg';

function refuse(reason: LogoRefusal, why?: string): never {
  throw new DomainError('invalid', reason, {
    entries: [{ code: 'invalid', detail: why ? `${reason}: ${why}` : reason, attr: 'logo' }],
  });
}

/** The refusal key of an error from checkLogo/readLogo, or null for any other error. */
export function logoRefusalOf(error: unknown): LogoRefusal | null {
  if (!(error instanceof DomainError) || error.entries[0]?.attr !== 'logo') return null;
  return error.message as LogoRefusal;
}

/**
 * The upload's bytes, read no further than one byte past the limit: a larger upload is refused
 * without being held whole.
 */
export async function readLogo(file: Blob): Promise<Buffer> {
  if (file.size > MAX_LOGO_BYTES) refuse('logoTooLarge');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_LOGO_BYTES) refuse('logoTooLarge');
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sniff(bytes: Buffer): LogoExtension | null {
  // A PNG's first chunk is always IHDR.
  if (
    bytes.length > 16 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString('latin1', 12, 16) === 'IHDR'
  ) {
    return 'png';
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

/** Checks an upload and names its type; throws a DomainError (`attr: 'logo'`) for anything else. */
export function checkLogo(bytes: Buffer): CheckedLogo {
  if (bytes.length === 0) refuse('logoEmpty');
  if (bytes.length > MAX_LOGO_BYTES) refuse('logoTooLarge');
  const extension = sniff(bytes) ?? (checkSvg(bytes) ? 'svg' : null);
  if (!extension) refuse('logoType');
  return {
    bytes,
    extension,
    contentType: LOGO_TYPES[extension],
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// Drawing only: no script, foreignObject, image, a, animate/set (which can rewrite an href),
// nor anything that loads another document.
const SVG_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'style',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern',
  'filter', 'feGaussianBlur', 'feOffset', 'feBlend', 'feColorMatrix', 'feFlood', 'feComposite',
  'feMerge', 'feMergeNode', 'feDropShadow',
]); // prettier-ignore

const SVG_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'version', 'baseProfile', 'viewBox', 'preserveAspectRatio', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'dx', 'dy', 'd', 'points',
  'transform', 'opacity', 'display', 'visibility', 'overflow', 'color',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'vector-effect',
  'paint-order', 'shape-rendering', 'text-rendering', 'clip-path', 'clip-rule', 'mask', 'filter',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
  'letter-spacing', 'word-spacing', 'textLength', 'lengthAdjust',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits',
  'maskContentUnits', 'filterUnits', 'primitiveUnits', 'stdDeviation', 'in', 'in2', 'result', 'mode',
  'values', 'type', 'operator', 'k1', 'k2', 'k3', 'k4', 'flood-color', 'flood-opacity',
  'role', 'aria-label', 'aria-hidden', 'focusable', 'href',
]); // prettier-ignore

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20_000;

/**
 * CSS in a logo may colour and size, nothing else: no url() but to the document's own ids, no
 * @import, no escapes (which could spell either), no script-bearing values.
 */
function unsafeCss(css: string): string | null {
  const lower = css.toLowerCase();
  if (lower.includes('\\')) return 'a CSS escape';
  if (lower.includes('@import')) return '@import';
  if (/expression\s*\(|javascript:|-moz-binding|behavior\s*:/.test(lower)) return 'script in CSS';
  for (const match of lower.matchAll(/url\s*\(\s*(['"]?)\s*(.)/g)) {
    if (match[2] !== '#') return 'url() to another document';
  }
  return null;
}

/**
 * Whether the bytes are an SVG document made only of allowed elements and attributes; false when
 * they are no SVG at all (for the "not an image" answer); throws when they are an SVG with
 * anything active or external in it.
 */
function checkSvg(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  // Not XML that starts with an svg element (after a declaration and comments): not an SVG.
  if (
    !/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(svg[\s>/:]|[a-z]+:svg[\s>/]|!doctype\s+svg\b)/i.test(
      text,
    )
  ) {
    return false;
  }
  let unsafe: string | null = null;
  let depth = 0;
  let elements = 0;
  let inStyle = false;
  const parser = new SaxesParser({ xmlns: true, position: false });
  const flag = (why: string) => {
    unsafe ??= why;
  };
  parser.on('doctype', () => flag('a DOCTYPE'));
  parser.on('processinginstruction', (pi) => flag(`the processing instruction <?${pi.target}?>`));
  parser.on('opentag', (tag) => {
    depth++;
    elements++;
    if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) flag('too deep or too many elements');
    if (tag.uri !== SVG_NS || !SVG_ELEMENTS.has(tag.local)) {
      flag(`the element <${tag.name}>`);
      return;
    }
    inStyle = tag.local === 'style';
    for (const attribute of Object.values(tag.attributes)) {
      const { uri, local, name, value } = attribute;
      if (uri === XMLNS_NS) {
        if (![SVG_NS, XLINK_NS].includes(value)) flag(`the namespace ${value}`);
        continue;
      }
      const known =
        (uri === '' && SVG_ATTRIBUTES.has(local)) ||
        (uri === XLINK_NS && local === 'href') ||
        (uri === XML_NS && local === 'space');
      if (!known) {
        flag(`the attribute ${name}`);
        continue;
      }
      // Only references within the document: `#id`.
      if (local === 'href' && !/^\s*#[\w.-]+\s*$/.test(value)) flag(`${name}="${value.slice(0, 40)}"`);
      const css = unsafeCss(value);
      if (css) flag(`${css} in ${name}`);
    }
  });
  parser.on('closetag', () => {
    depth--;
    inStyle = false;
  });
  const styleText = (data: string) => {
    const css = inStyle ? unsafeCss(data) : null;
    if (css) flag(`${css} in <style>`);
  };
  parser.on('text', styleText);
  parser.on('cdata', styleText);
  try {
    parser.write(text).close();
  } catch (error) {
    // Text that begins like an SVG but is no well-formed XML (an HTML page, say) is refused.
    refuse(
      'logoUnsafeSvg',
      `not well-formed XML (${error instanceof Error ? error.message.slice(0, 80) : ''})`,
    );
  }
  if (unsafe) refuse('logoUnsafeSvg', unsafe);
  return true;
}
