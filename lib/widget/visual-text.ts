import { convertArabic } from 'arabic-reshaper';
import bidiFactory from 'bidi-js';

// satori lays glyphs out left to right in string order and does not shape Arabic. So text is
// shaped here (Arabic letters → their contextual presentation forms) and put into visual order
// with the Unicode bidi algorithm before it is drawn.

const bidi = bidiFactory();
const ARABIC = /[\u0600-\u06FF\u0750-\u077F]/;
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** Emoji need a remote image set in satori, which would mean a network call: drop them. */
export function stripEmoji(text: string): string {
  return text
    .replace(EMOJI, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** One line of text as it must be drawn left to right. */
export function visualText(text: string, direction: 'ltr' | 'rtl'): string {
  const clean = stripEmoji(text);
  const shaped = ARABIC.test(clean) ? convertArabic(clean) : clean;
  if (direction === 'ltr' && !/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(shaped)) return shaped;
  const levels = bidi.getEmbeddingLevels(shaped, direction);
  const chars = shaped.split('');
  for (const [index, mirror] of bidi.getMirroredCharactersMap(shaped, levels.levels)) chars[index] = mirror;
  for (const [start, end] of bidi.getReorderSegments(shaped, levels) as Array<[number, number]>) {
    const segment = chars.slice(start, end + 1).reverse();
    chars.splice(start, segment.length, ...segment);
  }
  return chars.join('');
}

/**
 * Text as pieces for a right-to-left flex row that may wrap: words of right-to-left runs and whole
 * left-to-right runs (a brand, "DHL", a number), each drawable as it is. Reordering a whole line
 * first would put the wrong end on the first line when it wraps.
 */
export function textPieces(text: string, direction: 'ltr' | 'rtl'): string[] {
  const clean = stripEmoji(text);
  if (direction === 'ltr') return [visualText(clean, 'ltr')];
  const levels = bidi.getEmbeddingLevels(clean, 'rtl').levels;
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i <= clean.length; i++) {
    if (i < clean.length && levels[i]! % 2 === levels[start]! % 2) continue;
    const run = clean.slice(start, i).trim();
    if (run) pieces.push(...(levels[start]! % 2 === 1 ? run.split(/\s+/) : [run]));
    start = i;
  }
  return pieces.map((piece) => visualText(piece, 'rtl'));
}
