// WCAG 2.x contrast, so text on a merchant's brand colour is always readable whatever they pick.

export const DEFAULT_BRAND_COLOR = '#1f4f8f';
const AA_NORMAL_TEXT = 4.5;

function parseHex(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

export function relativeLuminance(color: string): number {
  const rgb = parseHex(color);
  if (!rgb) return 0;
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A valid #rrggbb brand colour, or the default for anything else. */
export function normalizeBrandColor(color: string | null | undefined): string {
  const rgb = color ? parseHex(color) : null;
  return rgb ? toHex(rgb) : DEFAULT_BRAND_COLOR;
}

/** Black or white text, whichever reads better on the background. */
export function foregroundOn(background: string): '#ffffff' | '#111111' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111111') ? '#ffffff' : '#111111';
}

/**
 * The brand colour darkened (or lightened) just enough to reach AA against `against`, for links
 * and accents drawn directly on the page background. A fill with `foregroundOn` text needs the
 * same: the darkened colour works for both.
 */
export function accessibleAccent(color: string, against = '#ffffff'): string {
  let rgb = parseHex(normalizeBrandColor(color))!;
  const towardsBlack = relativeLuminance(against) > 0.5;
  for (let i = 0; i < 100 && contrastRatio(toHex(rgb), against) < AA_NORMAL_TEXT; i++) {
    rgb = rgb.map((v) => (towardsBlack ? v * 0.95 : v + (255 - v) * 0.05)) as [number, number, number];
  }
  return toHex(rgb);
}
