/** The card is 600 × 320 CSS pixels, the usual width of an email's body, drawn at 2× for sharp screens. */
export const SCALE = 2;
export const WIDGET_CSS_WIDTH = 600;
export const WIDGET_CSS_HEIGHT = 320;
export const WIDGET_WIDTH = WIDGET_CSS_WIDTH * SCALE;
export const WIDGET_HEIGHT = WIDGET_CSS_HEIGHT * SCALE;
