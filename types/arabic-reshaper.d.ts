declare module 'arabic-reshaper' {
  /** Arabic letters → their contextual Presentation Forms-A/B. */
  export function convertArabic(text: string): string;
  export function convertArabicBack(text: string): string;
}
