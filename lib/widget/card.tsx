import type { CSSProperties } from 'react';
import { fontFamilyFor } from './fonts';
import type { Text, WidgetModel } from './model';
import { SCALE, WIDGET_HEIGHT, WIDGET_WIDTH } from './size';

const px = (n: number) => n * SCALE;

/**
 * Text sizes in CSS pixels at 600 wide. A phone's mail app shrinks the card to its screen (360 px):
 * at 20 px the smallest text still reads as 12 px there.
 */
const TEXT = { headline: 32, brand: 26, detail: 22, small: 20 } as const;

const WARNING = '#b45309';

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

/** The line under the headline: a date in grey, an apology in amber, a problem's action in a band. */
function Detail({ detail, rtl }: { detail: NonNullable<WidgetModel['detail']>; rtl: boolean }) {
  const base = { fontSize: px(TEXT.detail), lineHeight: 1.25, marginTop: px(8) };
  if (detail.tone === 'action') {
    return (
      <Line
        text={detail.text}
        rtl={rtl}
        style={{
          ...base,
          marginTop: px(10),
          padding: `${px(6)}px ${px(12)}px`,
          backgroundColor: '#fef3c7',
          [rtl ? 'borderRight' : 'borderLeft']: `${px(6)}px solid ${WARNING}`,
          fontWeight: 700,
          color: '#1a1a1a',
        }}
      />
    );
  }
  return (
    <Line
      text={detail.text}
      rtl={rtl}
      style={{
        ...base,
        color: detail.tone === 'late' ? '#92400e' : '#333333',
        fontWeight: detail.tone === 'late' ? 700 : 400,
      }}
    />
  );
}

/**
 * The status card as satori draws it: flexbox only, every text already in visual order. Few and
 * large elements: one status line, one line of detail, a progress bar without labels.
 */
export function WidgetCard({ model: m, logoSrc }: { model: WidgetModel; logoSrc?: string }) {
  const rtl = m.direction === 'rtl';
  const row = rtl ? 'row-reverse' : 'row';
  const start = rtl ? 'flex-end' : 'flex-start';
  const { done, of } = m.progress;
  const segmentColor = (s: number) => (s > done ? '#d4d4d4' : m.warning && s === done ? WARNING : m.color);
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
        fontSize: px(TEXT.small),
      }}
    >
      <div
        style={{
          display: 'flex',
          flexDirection: row,
          justifyContent: 'space-between',
          alignItems: 'center',
          height: px(64),
          padding: `0 ${px(24)}px`,
          backgroundColor: m.color,
          color: m.onColor,
        }}
      >
        {logoSrc ? (
          // eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- satori draws it; no DOM
          <img src={logoSrc} height={px(42)} style={{ maxWidth: px(280), objectFit: 'contain' }} />
        ) : (
          <Line text={m.brandName} rtl={rtl} style={{ fontSize: px(TEXT.brand), fontWeight: 700 }} />
        )}
        {m.parcels && <Line text={m.parcels} rtl={rtl} style={{ fontSize: px(TEXT.small) }} />}
      </div>
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          alignItems: start,
          flexGrow: 1,
          padding: `${px(18)}px ${px(24)}px ${px(16)}px`,
        }}
      >
        <Line
          text={m.headline}
          rtl={rtl}
          style={{ fontSize: px(TEXT.headline), fontWeight: 700, lineHeight: 1.2 }}
        />
        {m.detail && <Detail detail={m.detail} rtl={rtl} />}
        <div style={{ display: 'flex', flexDirection: row, width: '100%', marginTop: px(18) }}>
          {Array.from({ length: of }, (_, i) => i + 1).map((s) => (
            <div
              key={s}
              style={{
                flexGrow: 1,
                flexBasis: 0,
                height: px(12),
                margin: `0 ${px(3)}px`,
                borderRadius: px(6),
                backgroundColor: segmentColor(s),
              }}
            />
          ))}
        </div>
        {m.courier && (
          <Line
            text={m.courier}
            rtl={rtl}
            style={{ fontSize: px(TEXT.small), marginTop: 'auto', color: '#525252' }}
          />
        )}
      </div>
    </div>
  );
}
