import { createElement, isValidElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { WidgetCard } from './card';
import type { WidgetModel } from './model';
import { WIDGET_WIDTH } from './size';

// A mail app on a phone shrinks the card to the screen: 360 CSS px wide. No text may then be
// smaller than 12 CSS px. Satori draws text without a size of its own at 16 image pixels.
const PHONE_WIDTH = 360;
const MIN_TEXT = 12;
const SATORI_DEFAULT_SIZE = 16;

type DrawnText = { text: string; size: number };

/** Every text of a card's element tree with the font size it is drawn at (in image pixels). */
function drawnTexts(node: ReactNode, size: number, out: DrawnText[] = []): DrawnText[] {
  if (node === null || node === undefined || typeof node === 'boolean') return out;
  if (typeof node === 'string' || typeof node === 'number') {
    if (String(node).trim()) out.push({ text: String(node), size });
  } else if (Array.isArray(node)) {
    for (const child of node) drawnTexts(child, size, out);
  } else if (isValidElement<{ style?: { fontSize?: unknown }; children?: ReactNode }>(node)) {
    if (typeof node.type === 'function')
      return drawnTexts((node.type as (p: unknown) => ReactNode)(node.props), size, out);
    const own = node.props.style?.fontSize;
    if (own !== undefined && typeof own !== 'number')
      throw new Error(`font size ${String(own)} is not in pixels`);
    drawnTexts(node.props.children, own ?? size, out);
  }
  return out;
}

const model = (overrides: Partial<WidgetModel>): WidgetModel => ({
  direction: 'ltr',
  locale: 'en',
  brandName: ['Nordlicht'],
  logo: null,
  color: '#0f5c4d',
  onColor: '#ffffff',
  headline: ['Out for delivery'],
  detail: { text: ['Arriving today, 10:00 AM–2:00 PM'], tone: 'plain' },
  progress: { done: 4, of: 5 },
  warning: false,
  parcels: ['2 of 3 delivered'],
  courier: ['Shipped with DHL'],
  ...overrides,
});

describe('widget card', () => {
  const cards = [
    model({}),
    model({ detail: { text: ['Running late – sorry for the wait'], tone: 'late' } }),
    model({ detail: { text: ['Action needed: pay the import duties'], tone: 'action' }, warning: true }),
    model({ direction: 'rtl', locale: 'ar', headline: ['ﻞﻴﺻﻮﺘﻠﻟ', 'ﺝﺮﺧ'], parcels: ['2', 'ﻦﻣ', '1'] }),
  ];

  it('is legible when a phone shows it 360 px wide: no text below 12 px', () => {
    for (const card of cards) {
      const texts = drawnTexts(WidgetCard({ model: card }), SATORI_DEFAULT_SIZE);
      // Every text of the model is drawn, so none escapes the check.
      expect(texts.map((t) => t.text).join(' ')).toContain(card.courier![0]);
      expect(texts.length).toBeGreaterThanOrEqual(5);
      for (const { text, size } of texts) {
        expect({ text, onPhone: (size * PHONE_WIDTH) / WIDGET_WIDTH }).toEqual({
          text,
          onPhone: expect.toSatisfy((px: number) => px >= MIN_TEXT),
        });
      }
    }
  });

  it("catches the old card's step labels (11 px at 600, so 6.6 px on a phone)", () => {
    const label = createElement('div', { style: { fontSize: 22 } }, 'Out for delivery');
    const [drawn] = drawnTexts(createElement('div', null, label), SATORI_DEFAULT_SIZE);
    expect((drawn!.size * PHONE_WIDTH) / WIDGET_WIDTH).toBeCloseTo(6.6);
  });
});
