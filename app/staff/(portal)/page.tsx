import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { z } from 'zod';
import { ArrowKeyList } from '@/components/staff/arrow-key-list';
import { buttonClass, fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { LOCALES } from '@/lib/i18n/locales';
import { type SearchPage, searchOrders } from '@/lib/staff/search';
import { requireStaff } from '@/lib/staff/session';
import { COURIERS } from '@/lib/status/couriers';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staff');
  return { title: `${t('searchHeading')} – ${t('portalName')}` };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const MAX_QUERY = 255;
const PAGE_SIZE = 20;
const CONTROL = /[\u0000-\u001f\u007f]/;
// `q` is checked by searchOrders itself (too long answers a message, not an error page); the
// rest is what the page's own links send, and anything else is ignored rather than refused.
const paramsSchema = z.object({
  q: z.string().trim().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
  lang: z.enum(LOCALES).optional().catch(undefined),
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function StaffSearchPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const params = paramsSchema.parse(raw);
  const q = params.q ?? '';
  const t = translationsFor(await getLocale(), 'staff');
  const tLifecycle = translationsFor(await getLocale(), 'lifecycle');
  const format = formatterFor(await getLocale());
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const withLang = (query: Record<string, string>) =>
    `?${new URLSearchParams({ ...query, ...(params.lang ? { lang: params.lang } : {}) })}`;

  let outcome: { kind: 'empty' } | { kind: 'invalid' } | { kind: 'results'; page: SearchPage };
  if (q === '') outcome = { kind: 'empty' };
  // A NUL or other control character is no identifier, and PostgreSQL refuses NUL in text outright.
  else if (q.length > MAX_QUERY || CONTROL.test(q)) outcome = { kind: 'invalid' };
  else {
    outcome = await searchOrders(getDb(), staff.accountId, { q, page: params.page ?? 1, pageSize: PAGE_SIZE })
      .then((page) => ({ kind: 'results' as const, page }))
      .catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'invalid') return { kind: 'invalid' as const };
        throw error;
      });
  }

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="text-2xl font-semibold">
        {t('searchHeading')}
      </h1>
      <ArrowKeyList inputId="q">
        <form method="get" action="/staff" role="search" className="mt-4 flex flex-wrap items-end gap-3">
          {params.lang && <input type="hidden" name="lang" value={params.lang} />}
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="block text-sm font-medium">
              {t('searchLabel')}
            </label>
            {/* The page is for this one box: staff arrive to type, so it takes the focus. */}
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              dir="auto"
              aria-describedby="search-hint"
              className={fieldClass}
            />
          </div>
          <button type="submit" className={buttonClass}>
            {t('searchSubmit')}
          </button>
        </form>
        <p id="search-hint" className="mt-2 text-sm text-neutral-700">
          {t('searchHint')}
        </p>

        {outcome.kind === 'invalid' && (
          <p role="alert" className="mt-4 rounded-md bg-red-100 p-3 text-red-950">
            {t('searchInvalid')}
          </p>
        )}
        {outcome.kind === 'results' && outcome.page.results.length === 0 && (
          <p role="status" className="mt-4 rounded-md bg-neutral-100 p-3">
            {t('searchNoResults', { q })}
          </p>
        )}
        {outcome.kind === 'results' && outcome.page.results.length > 0 && (
          <div className="mt-6">
            <h2 className="text-xl font-semibold">{t('searchResultsHeading', { q })}</h2>
            <ol className="mt-2 space-y-3">
              {outcome.page.results.map((result) => {
                const key =
                  result.orderId !== null ? `o${result.orderId}` : `t${result.trackings[0]?.trackingId}`;
                const title = result.orderNumber ?? result.trackings[0]?.trackingNumber ?? '–';
                return (
                  <li key={key} className="rounded-lg bg-white p-4 shadow-sm">
                    <p className="flex flex-wrap items-baseline gap-x-3">
                      {result.orderId !== null ? (
                        <Link
                          href={`/staff/orders/${result.orderId}${params.lang ? `?lang=${params.lang}` : ''}`}
                          data-result
                          dir="ltr"
                          className="rounded text-lg font-semibold underline underline-offset-4 focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
                        >
                          {title}
                        </Link>
                      ) : (
                        // A parcel without an order has no staff view (the view is per order), and
                        // the public page would log a shopper lookup and show less than this
                        // row already does: it is listed, not linked.
                        <span className="text-lg font-semibold">
                          <span dir="ltr">{title}</span> · {t('resultTrackingOnly')}
                        </span>
                      )}
                      <span className="text-sm text-neutral-700">{t(`matched_${result.matchedBy}`)}</span>
                    </p>
                    <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                      {result.recipientName && (
                        <>
                          <dt className="font-medium">{t('resultRecipient')}</dt>
                          <dd>{result.recipientName}</dd>
                        </>
                      )}
                      <dt className="font-medium">{t('resultParcels')}</dt>
                      <dd>
                        {result.trackings.length === 0 ? (
                          t('resultNoParcels')
                        ) : (
                          <ul>
                            {result.trackings.map((tracking) => (
                              <li key={tracking.trackingId}>
                                {COURIERS.get(tracking.courier)?.name ?? tracking.courier}{' '}
                                <span dir="ltr" className="font-mono">
                                  {tracking.trackingNumber}
                                </span>{' '}
                                – {tLifecycle(tracking.lifecycleStatus)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </dd>
                      <dt className="font-medium">{t('resultLastEvent')}</dt>
                      <dd>
                        {result.lastEventAt ? (
                          <time dateTime={result.lastEventAt}>{when(result.lastEventAt)} (UTC)</time>
                        ) : (
                          t('resultNoEvent')
                        )}
                      </dd>
                    </dl>
                  </li>
                );
              })}
            </ol>
            {(outcome.page.page > 1 || outcome.page.hasMore) && (
              <nav aria-label={t('paginationLabel')} className="mt-4 flex items-center gap-4">
                {outcome.page.page > 1 && (
                  <a className="underline" href={withLang({ q, page: String(outcome.page.page - 1) })}>
                    {t('pagePrevious')}
                  </a>
                )}
                <span>{t('pageCurrent', { page: outcome.page.page })}</span>
                {outcome.page.hasMore && (
                  <a className="underline" href={withLang({ q, page: String(outcome.page.page + 1) })}>
                    {t('pageNext')}
                  </a>
                )}
              </nav>
            )}
          </div>
        )}
      </ArrowKeyList>
    </section>
  );
}
