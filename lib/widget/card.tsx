import type { CSSProperties } from 'react';
import { fontFamilyFor } from './fonts';
import type { Text, WidgetModel } from './model';

/** 600 × 230 CSS pixels for email, drawn at 2×. */
export const SCALE = 2;
export const WIDGET_WIDTH = 600 * SCALE;
export const WIDGET_HEIGHT = 230 * SCALE;
const px = (n: number) => n * SCALE;

const STEPS = [1, 2, 3, 4, 5];

/** Right-to-left text wraps as a reversed row of pieces, so its lines break in reading order. */
function Line({ text, rtl, style }: { text: Text; rtl: boolean; style: CSSProperties }) {
  if (!rtl) return <div style={{ display: 'flex', ...style }}>{text.join(' ')}</div>;
  return (
    <div style={{ display: 'flex', flexDirection: 'row-reverse', flexWrap: 'wrap', ...style }}>
      {text.map((piece, i) => (
        <span key={i} style={{ marginLeft: i === text.length - 1 ? 0 : '0.3em' }}>
          {piece}
        </span>
      ))}
    </div>
  );
}

/** The status card as satori draws it: flexbox only, every text already in visual order. */
export function WidgetCard({ model: m, logoSrc }: { model: WidgetModel; logoSrc?: string }) {
  const rtl = m.direction === 'rtl';
  const row = rtl ? 'row-reverse' : 'row';
  const start = rtl ? 'flex-end' : 'flex-start';
  const stepColor = (s: number) => (s > m.step ? '#d4d4d4' : m.warning && s === m.step ? '#b45309' : m.color);
  return (
    <div
      style={{
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        display: 'flex',
        flexDirection: 'column',
        backgroundColor: '#ffffff',
        color: '#1a1a1a',
        fontFamily: fontFamilyFor(m.locale),
      }}
    >
      <div
        style={{
          display: 'flex',
          flexDirection: row,
          justifyContent: 'space-between',
          alignItems: 'center',
          height: px(52),
          padding: `0 ${px(20)}px`,
          backgroundColor: m.color,
          color: m.onColor,
        }}
      >
        {logoSrc ? (
          // eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- satori draws it; no DOM
          <img src={logoSrc} height={px(36)} style={{ maxWidth: px(260), objectFit: 'contain' }} />
        ) : (
          <Line text={m.brandName} rtl={rtl} style={{ fontSize: px(20), fontWeight: 700 }} />
        )}
        {m.parcels && <Line text={m.parcels} rtl={rtl} style={{ fontSize: px(15) }} />}
      </div>
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          alignItems: start,
          flexGrow: 1,
          padding: `${px(14)}px ${px(20)}px ${px(12)}px`,
        }}
      >
        <Line text={m.headline} rtl={rtl} style={{ fontSize: px(27), fontWeight: 700 }} />
        {m.detail && (
          <Line text={m.detail} rtl={rtl} style={{ fontSize: px(16), marginTop: px(4), color: '#333333' }} />
        )}
        <div style={{ display: 'flex', flexDirection: row, width: '100%', marginTop: px(16) }}>
          {STEPS.map((s) => (
            <div
              key={s}
              style={{
                display: 'flex',
                flexDirection: 'column',
                flexGrow: 1,
                flexBasis: 0,
                margin: `0 ${px(2)}px`,
              }}
            >
              <div style={{ height: px(8), borderRadius: px(4), backgroundColor: stepColor(s) }} />
              <Line
                text={m.stepLabels[s - 1]!}
                rtl={rtl}
                style={{
                  justifyContent: 'center',
                  textAlign: 'center',
                  fontSize: px(11),
                  marginTop: px(4),
                  color: s === m.step ? '#1a1a1a' : '#525252',
                  fontWeight: s === m.step ? 700 : 400,
                }}
              />
            </div>
          ))}
        </div>
        {m.courier && (
          <Line
            text={m.courier}
            rtl={rtl}
            style={{ fontSize: px(14), marginTop: 'auto', color: '#525252' }}
          />
        )}
      </div>
    </div>
  );
}
