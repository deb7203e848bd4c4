import 'server-only';
import type { Db } from '@/lib/db/client';
import { resolveLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { projectOrder } from '@/lib/projection/project-order';
import type { AccessLevel, OrderInfo } from '@/lib/projection/types';
import type { LoadedOrder } from './load-order';
import { transitHistoryFor } from './transit-history';

/** Couriers whose live refresh is configured; none until carrier adapters exist. */
const LIVE_REFRESH_COURIERS: ReadonlySet<string> = new Set();

export type ProjectedOrder = { info: OrderInfo; locale: Locale; level: AccessLevel; version: string };

/** Stored rows → response, in the requested language with SPEC §2's fallback chain. */
export async function projectLoaded(
  db: Db,
  loaded: LoadedOrder,
  options: { level: AccessLevel; lang?: string; now: Date; onlyTrackingId?: number },
): Promise<ProjectedOrder> {
  const { order } = loaded;
  let trackings = loaded.rows.trackings;
  if (options.onlyTrackingId !== undefined)
    trackings = trackings.filter((t) => t.tracking.id === options.onlyTrackingId);
  const locale = resolveLocale(options.lang, order?.language_iso2, trackings[0]?.tracking.language_iso2);
  const transitHistory = await transitHistoryFor(
    db,
    loaded.accountId,
    trackings.map(({ tracking }) => ({
      courier: tracking.courier,
      country: tracking.destination_country_iso3 ?? order?.destination_country_iso3 ?? null,
    })),
    options.now,
  );
  const info = projectOrder({
    order,
    orderArticles: loaded.rows.orderArticles,
    trackings,
    transitHistory,
    liveRefreshCouriers: LIVE_REFRESH_COURIERS,
    level: options.level,
    locale,
    t: translatorFor(locale),
    now: options.now,
  });
  // Changes whenever the order or any of its trackings is written (events bump both).
  const version = [
    order ? `o${order.id}.${order.version}` : '',
    ...trackings.map(({ tracking }) => `t${tracking.id}.${tracking.updated_at}`),
  ].join('|');
  return { info, locale, level: options.level, version };
}
