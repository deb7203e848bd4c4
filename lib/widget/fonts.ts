import 'server-only';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The widget's fonts, committed under assets/fonts (TTF: satori reads neither WOFF2 nor TTC).
 * Adding a script is one line here; satori falls back through the list for missing glyphs.
 */
export const WIDGET_FONTS = [
  { name: 'DejaVu Sans', file: 'DejaVuSans.ttf', weight: 400 }, // Latin, Greek, Cyrillic, Arabic, Hebrew
  { name: 'DejaVu Sans', file: 'DejaVuSans-Bold.ttf', weight: 700 },
  { name: 'CJK JA', file: 'cjk-ja.ttf', weight: 400 }, // Japanese (IPA P Gothic subset)
  { name: 'CJK ZH', file: 'cjk-zh.ttf', weight: 400 }, // Simplified Chinese (Droid Sans Fallback subset)
  { name: 'CJK KO', file: 'cjk-ko.ttf', weight: 400 }, // Korean (Nanum Gothic subset)
] as const;

export const FONTS_DIR = join(process.cwd(), 'assets', 'fonts');

/**
 * The font stack of a language: shared Han characters take their Chinese, Japanese or Korean
 * shape from the font of the card's language.
 */
export function fontFamilyFor(locale: string): string {
  const cjk = ['CJK JA', 'CJK ZH', 'CJK KO'];
  const own = { ja: 'CJK JA', zh: 'CJK ZH', ko: 'CJK KO' }[locale.slice(0, 2)];
  const order = own ? [own, ...cjk.filter((f) => f !== own)] : cjk;
  return ['DejaVu Sans', ...order].join(', ');
}

type LoadedFont = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };
let loaded: Promise<LoadedFont[]> | undefined;

/** Read once per process; fonts are megabytes and never change while it runs. */
export function widgetFonts(): Promise<LoadedFont[]> {
  loaded ??= Promise.all(
    WIDGET_FONTS.map(async (f) => ({
      name: f.name,
      data: await readFile(join(FONTS_DIR, f.file)),
      weight: f.weight,
      style: 'normal' as const,
    })),
  );
  return loaded;
}
