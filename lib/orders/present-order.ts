import 'server-only';
import { liveRefreshCouriers } from '@/lib/carriers/registry';
import { getConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import type { OrderRows } from '@/lib/db/order-queries';
import { resolveLocale, supportedLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { jsonBytes } from '@/lib/json-bytes';
import { projectOrderPage } from '@/lib/projection/project-order';
import type { AccessLevel, OrderInfo, OrderPageExtras } from '@/lib/projection/types';
import { dataVersion, type FoundOrder, loadRows, orderRow } from './load-order';
import { cachedProjection } from './projection-cache';
import { transitHistoryFor } from './transit-history';

export type ProjectedOrder = {
  info: OrderInfo;
  /** What the pages show beside `info`; the API leaves it out. */
  extras: OrderPageExtras;
  locale: Locale;
  level: AccessLevel;
  version: string;
  accountId: number;
};

export type ProjectOptions = {
  level: AccessLevel;
  lang?: string;
  /** Pages: the browser's language, after the order's and its trackings' own (SPEC §2). */
  fallbackLang?: string | null;
  now: Date;
  /** `single_tracking`: keep only the tracking the lookup matched (lookups by tracking). */
  singleTracking?: boolean;
  /** Skip this many of each tracking's newest checkpoints (paging back through the history). */
  checkpointsOffset?: number;
  /** Rows already loaded (for a postal-code proof), so they are not read twice. */
  rows?: OrderRows;
};

// What a cached order holds in memory per byte of its JSON, measured: its objects (about 1.3) and
// the encoded answer kept beside them (1), which the API sends.
const MEMORY_PER_JSON_BYTE = 2.5;

/** Stored rows → response, in the requested language with SPEC §2's fallback chain. */
export async function presentOrder(
  db: Db,
  found: FoundOrder,
  options: ProjectOptions,
): Promise<ProjectedOrder> {
  const version = dataVersion(found);
  // Only what changes the answer is in the key: parameters a client can vary freely (another
  // tracking number beside a tracking id, an unsupported language) must not make new entries.
  const selected = options.singleTracking && found.matchedTracking ? found.matchedTracking.id : null;
  const offset = options.checkpointsOffset ?? 0;
  const language = supportedLocale(options.lang) ?? `~${supportedLocale(options.fallbackLang) ?? ''}`;
  const key = [version, options.level, language, selected ?? '*', offset].join('|');
  return cachedProjection(
    key,
    options.now,
    async () => {
      const [rows, order] = await Promise.all([options.rows ?? loadRows(db, found), orderRow(db, found)]);
      const trackings =
        selected === null
          ? rows.trackings
          : rows.trackings.filter(({ tracking }) => tracking.id === selected);
      const locale = resolveLocale(
        options.lang,
        order?.language_iso2,
        trackings[0]?.tracking.language_iso2,
        options.fallbackLang,
      );
      const transitHistory = await transitHistoryFor(
        db,
        found.accountId,
        trackings.map(({ tracking }) => ({
          courier: tracking.courier,
          country: tracking.destination_country_iso3 ?? order?.destination_country_iso3 ?? null,
        })),
        options.now,
      );
      const { info, extras } = projectOrderPage({
        order,
        orderArticles: rows.orderArticles,
        trackings,
        transitHistory,
        liveRefreshCouriers: liveRefreshCouriers(),
        level: options.level,
        locale,
        t: translatorFor(locale),
        now: options.now,
        checkpointWindow: { offset, limit: getConfig().CHECKPOINTS_PER_TRACKING },
      });
      return { info, extras, locale, level: options.level, version, accountId: found.accountId };
    },
    (projected) => jsonBytes(projected.info).byteLength * MEMORY_PER_JSON_BYTE,
  );
}
