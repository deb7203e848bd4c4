import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { z } from 'zod';
import { buttonClass, fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { LOCALES } from '@/lib/i18n/locales';
import { requireStaff } from '@/lib/staff/session';
import { watchlistCounts, watchlistPage } from '@/lib/staff/watchlist';
import { COURIERS } from '@/lib/status/couriers';
import { WATCH_REASONS } from '@/lib/status/vocabulary';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: `${t('watchlistHeading')} – ${t('portalName')}` };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SORTS = ['oldest', 'newest'] as const;
// What the page's own links and form send; an invalid value is dropped (as if not given), so a
// hand-edited URL shows the list unfiltered rather than an error.
const paramsSchema = z.object({
  reason: z.enum(WATCH_REASONS).optional().catch(undefined),
  courier: z.string().trim().min(1).max(64).optional().catch(undefined),
  client_key: z.string().trim().min(1).max(255).optional().catch(undefined),
  min_age: z.coerce.number().int().min(1).max(3650).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  lang: z.enum(LOCALES).optional().catch(undefined),
});
type Params = z.output<typeof paramsSchema>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The page's URL with `params` changed by `change`; empty values are left out. */
function href(params: Params, change: Partial<Params>) {
  const merged = { ...params, ...change };
  const query = new URLSearchParams(
    Object.entries(merged).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  );
  return `/staff/watchlist${query.size ? `?${query}` : ''}`;
}

export default async function StaffWatchlistPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const params = paramsSchema.parse(raw);
  const db = getDb();
  const now = new Date();
  const filters = { courier: params.courier, clientKey: params.client_key, minAgeDays: params.min_age };
  const [counts, list] = await Promise.all([
    watchlistCounts(db, staff.accountId, filters, now),
    params.reason
      ? watchlistPage(
          db,
          staff.accountId,
          params.reason,
          { ...filters, sort: params.sort, page: params.page, pageSize: 25 },
          now,
        )
      : null,
  ]);
  const t = translationsFor(await getLocale(), 'staff');
  const tLifecycle = translationsFor(await getLocale(), 'lifecycle');
  const format = formatterFor(await getLocale());
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  // A filter or sort change starts again at the first page.
  const base = { ...params, page: undefined };

  return (
    <section aria-labelledby="watchlist-heading" className="space-y-6">
      <div>
        <h1 id="watchlist-heading" className="text-2xl font-semibold">
          {t('watchlistHeading')}
        </h1>
        <p className="mt-2 text-neutral-700">{t('watchlistIntro')}</p>
      </div>

      <nav aria-label={t('watchlistReasons')}>
        <ul className="grid gap-2 sm:grid-cols-2">
          {WATCH_REASONS.map((reason) => (
            <li key={reason} className="rounded-lg bg-white p-3 shadow-sm">
              <Link
                href={href(base, { reason })}
                aria-current={params.reason === reason ? 'page' : undefined}
                aria-describedby={`reason-info-${reason}`}
                className="flex justify-between gap-3 rounded font-semibold underline-offset-4 hover:underline focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800 aria-[current=page]:underline aria-[current=page]:decoration-2"
              >
                <span>{t(`reason_${reason}`)}</span>
                <span>{t('reasonCount', { count: counts[reason] })}</span>
              </Link>
              <p id={`reason-info-${reason}`} className="mt-1 text-sm text-neutral-700">
                {t(`reasonInfo_${reason}`)}
              </p>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action="/staff/watchlist" className="flex flex-wrap items-end gap-4">
        <fieldset className="contents">
          <legend className="sr-only">{t('watchlistFilters')}</legend>
          {params.reason && <input type="hidden" name="reason" value={params.reason} />}
          {params.lang && <input type="hidden" name="lang" value={params.lang} />}
          <div>
            <label htmlFor="courier" className="block text-sm font-medium">
              {t('filterCourier')}
            </label>
            <select id="courier" name="courier" defaultValue={params.courier ?? ''} className={fieldClass}>
              <option value="">{t('filterAllCouriers')}</option>
              {[...COURIERS].map(([code, info]) => (
                <option key={code} value={code}>
                  {info.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="client_key" className="block text-sm font-medium">
              {t('filterClientKey')}
            </label>
            <input
              id="client_key"
              name="client_key"
              defaultValue={params.client_key ?? ''}
              maxLength={255}
              className={fieldClass}
            />
          </div>
          <div>
            <label htmlFor="min_age" className="block text-sm font-medium">
              {t('filterMinAge')}
            </label>
            <input
              id="min_age"
              name="min_age"
              type="number"
              min={1}
              max={3650}
              defaultValue={params.min_age ?? ''}
              className={fieldClass}
            />
          </div>
          <div>
            <label htmlFor="sort" className="block text-sm font-medium">
              {t('filterSort')}
            </label>
            <select id="sort" name="sort" defaultValue={params.sort ?? 'oldest'} className={fieldClass}>
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`sort_${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>
            {t('filterApply')}
          </button>
        </fieldset>
      </form>

      {!list ? (
        <p>{t('watchlistChoose')}</p>
      ) : list.rows.length === 0 ? (
        <p role="status">{t('watchlistEmpty')}</p>
      ) : (
        // A table wider than a phone scrolls sideways: the region takes the focus so the keyboard
        // can scroll it (axe: scrollable-region-focusable).
        <div
          role="region"
          aria-label={t(`reason_${list.reason}`)}
          tabIndex={0}
          className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
        >
          <table className="w-full text-start text-sm">
            <caption className="mb-2 text-start text-lg font-semibold">
              {t('watchlistCaption', { reason: t(`reason_${list.reason}`), page: list.page })}
            </caption>
            <thead>
              <tr className="text-start">
                <th scope="col" className="text-start">
                  {t('colOrder')}
                </th>
                <th scope="col" className="text-start">
                  {t('colParcel')}
                </th>
                <th scope="col" className="text-start">
                  {t('colRecipient')}
                </th>
                <th scope="col" className="text-start">
                  {t('colStatus')}
                </th>
                <th scope="col" className="text-start">
                  {t('colSince')}
                </th>
                <th scope="col" className="text-start">
                  {t('colLastEvent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.trackingId} className="border-t border-neutral-200 align-top">
                  <td>
                    {row.orderId !== null ? (
                      <Link
                        href={`/staff/orders/${row.orderId}${params.lang ? `?lang=${params.lang}` : ''}`}
                        dir="ltr"
                        className="font-semibold underline underline-offset-4 focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
                      >
                        {row.orderNumber}
                      </Link>
                    ) : (
                      // A parcel without an order has no staff view; its row says all there is.
                      t('noOrder')
                    )}
                  </td>
                  <td>
                    {COURIERS.get(row.courier)?.name ?? row.courier}{' '}
                    <span dir="ltr" className="font-mono">
                      {row.trackingNumber}
                    </span>
                  </td>
                  <td>{row.recipientName ?? '–'}</td>
                  <td>{tLifecycle(row.lifecycleStatus)}</td>
                  <td>
                    <time dateTime={row.since}>{when(row.since)}</time>
                  </td>
                  <td>
                    {row.lastEventAt ? <time dateTime={row.lastEventAt}>{when(row.lastEventAt)}</time> : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(list.page > 1 || list.hasMore) && (
            <nav aria-label={t('paginationLabel')} className="mt-4 flex items-center gap-4">
              {list.page > 1 && (
                <a className="underline" href={href(params, { page: list.page - 1 })}>
                  {t('pagePrevious')}
                </a>
              )}
              <span>{t('pageCurrent', { page: list.page })}</span>
              {list.hasMore && (
                <a className="underline" href={href(params, { page: list.page + 1 })}>
                  {t('pageNext')}
                </a>
              )}
            </nav>
          )}
        </div>
      )}
    </section>
  );
}
