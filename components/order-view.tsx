import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { deliveredTo, orderAnswer } from '@/lib/projection/answer';
import { orderPageParts } from '@/lib/projection/order-page';
import type { AccessLevel, OrderInfo, OrderPageExtras } from '@/lib/projection/types';
import { Freshness } from './freshness';
import { ItemList } from './item-list';
import { LookupForm } from './lookup-form';
import type { ForwardContext } from './next-step-links';
import { OrderAnswerView } from './order-answer';
import { ParcelCard } from './parcel-card';

/** The order page: every parcel of the order, freshness and refresh, and the unlock form. */
export async function OrderView({
  info,
  extras = { articles: [], trackings: [] },
  level,
  locale,
  search,
  now,
  lockedForS,
  path = '/track',
  live = true,
  forward,
}: {
  info: OrderInfo;
  /** What the page shows beside the order object: the order's own items, pickup deadlines. */
  extras?: OrderPageExtras;
  level: AccessLevel;
  locale: string;
  /** The page's own query, which the client reuses to ask the API for updates. */
  search: Record<string, string>;
  now: Date;
  /** Unlocking is paused for this long (too many wrong proofs): show why instead of the form. */
  lockedForS?: number;
  /** The page the history links lead back to (the staff portal shows the order at its own path). */
  path?: string;
  /** Whether the page asks the public API for updates (staff refresh with an action instead). */
  live?: boolean;
  /** The way forward on each parcel's problem (the shopper page; staff see the order as it is). */
  forward?: ForwardContext;
}) {
  // The page's language; `locale` is the order's (they differ on the staff portal).
  const pageLocale = await getLocale();
  const t = translationsFor(pageLocale, 'page');
  const tf = translationsFor(pageLocale, 'forward');
  const format = formatterFor(pageLocale);
  const total = info.trackings.length;
  const tAnswer = translationsFor(pageLocale, 'answer');
  const { parcels, delivered, awaited, lastEventAt, fingerprint } = orderPageParts(info);
  // Items the shop listed for the order but no parcel lists (or there is no parcel yet).
  const orderItems = info.trackings.some((tr) => tr.articles.length > 0) ? [] : extras.articles;
  // The lookup without its proofs: what the unlock form and the refresh repeat. A refused proof
  // must not be sent again with every refresh.
  const {
    lang: pageLang,
    postal_code: _postal,
    recipient_postal_code: _proof,
    checkpoints_offset: offsetParam,
    ...lookup
  } = search;
  const apiParams = new URLSearchParams(lockedForS ? { ...lookup, lang: locale } : search);
  apiParams.set('lang', locale);
  const offset = Number(offsetParam ?? 0) || 0;
  const { checkpoints_offset: _offset, ...latest } = search;
  const historyHref = (to: number) =>
    `${path}?${new URLSearchParams(to > 0 ? { ...latest, checkpoints_offset: String(to) } : latest)}`;
  const zoneOf = (i: number) => info.trackings[i]?.timezone ?? 'UTC';

  return (
    <>
      <h1 className="text-2xl font-semibold">
        {info.order_number
          ? t('orderHeading', { number: info.order_number })
          : info.trackings[0]?.tracking_number}
      </h1>
      <OrderAnswerView answer={orderAnswer(info, extras, now)} locale={locale} />
      {info.order_date && (
        <p className="text-neutral-700">
          {t('orderedOn', {
            date: format.dateTime(new Date(info.order_date), { dateStyle: 'long', timeZone: zoneOf(0) }),
          })}
        </p>
      )}
      {awaited > 1 && (
        <p className="mt-1 font-medium">{t('parcelsSummary', { delivered, total: awaited })}</p>
      )}
      {live && (
        <Freshness
          apiPath={`/v4/track/orders/info/?${apiParams}`}
          reload={{ path, query: pageLang === undefined ? lookup : { ...lookup, lang: pageLang } }}
          lastEventAt={lastEventAt}
          fingerprint={fingerprint}
          locale={locale}
          labels={{
            lastUpdate: t('lastUpdate', { relative: '{relative}' }),
            noUpdateYet: t('noUpdateYet'),
            refresh: t('refresh'),
            refreshing: t('refreshing'),
            statusChanged: t('statusChanged', { status: '{status}' }),
            checkedNow: t('checkedNow'),
            refreshFailed: t('refreshFailed'),
            // Some parcel's courier has a live connection: a skip means checked a moment ago or finished.
            refreshSkipped: info.trackings.some((tr) => tr.supports_live_refresh)
              ? tf('refreshUpToDate', { relative: '{relative}' })
              : tf('refreshSkipped', { relative: '{relative}' }),
            refreshSkippedNoData: tf('refreshSkippedNoData'),
          }}
        />
      )}
      {level === 'limited' &&
        (lockedForS ? (
          <p role="status" className="mt-4 rounded-md bg-amber-100 p-3 text-amber-950">
            {t('unlockPaused', { minutes: Math.ceil(lockedForS / 60) })}
          </p>
        ) : (
          <div className="mt-4">
            <LookupForm hidden={lookup} lang={locale} heading={t('unlock')} intro={t('limitedNotice')} />
          </div>
        ))}
      <div className="mt-4 space-y-4">
        {parcels.map(({ tracking, replaced, collapsed }, i) => {
          const card = (
            <ParcelCard
              locale={pageLocale}
              key={tracking.tracking_id}
              tracking={tracking}
              detailsLanguages={extras.trackings[info.trackings.indexOf(tracking)]?.details_languages}
              index={i + 1}
              total={total}
              timeZone={tracking.timezone ?? 'UTC'}
              now={now}
              replaced={replaced}
              forward={forward}
              history={{
                older: Math.max(0, tracking.checkpoints_omitted - offset),
                olderHref: historyHref(offset + tracking.checkpoints.length),
                latestHref: offset > 0 ? historyHref(0) : null,
              }}
            />
          );
          // Delivered parcels and replaced labels are done with: one line each, open on demand.
          return collapsed ? (
            <details key={tracking.tracking_id} className="rounded-lg bg-white shadow-sm">
              <summary className="cursor-pointer p-4 font-medium">
                {tAnswer('collapsedSummary', {
                  index: i + 1,
                  total,
                  status: replaced
                    ? tracking.last_delivery_status.status_text
                    : tAnswer('delivered', { to: deliveredTo(tracking) ?? 'other' }),
                })}
              </summary>
              {card}
            </details>
          ) : (
            card
          );
        })}
      </div>
      {orderItems.length > 0 && (
        <section aria-labelledby="order-items" className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="order-items" className="text-xl font-semibold">
            {t('itemsHeading')}
          </h2>
          <ItemList locale={pageLocale} articles={orderItems} />
        </section>
      )}
    </>
  );
}
