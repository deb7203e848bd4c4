import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { z } from 'zod';
import { OrderView } from '@/components/order-view';
import { CopyField } from '@/components/staff/copy-field';
import { buttonClass, fieldClass } from '@/components/staff/staff-form-styles';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { baseUrl } from '@/lib/http/exchange';
import { LOCALES } from '@/lib/i18n/locales';
import { staffOrderDetail, staffOrderLink } from '@/lib/staff/order-detail';
import { LOOKUP_TYPES, type LookupType } from '@/lib/status/vocabulary';
import { requireStaff } from '@/lib/staff/session';
import { refreshOrderAction } from './actions';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const LIFETIMES = ['1d', '7d', '30d', '90d'] as const;
// What the page's own links and forms send; anything else is ignored rather than refused.
const searchSchema = z.object({
  lang: z.enum(LOCALES).optional().catch(undefined),
  checkpoints_offset: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  log_at: z.iso.datetime().optional().catch(undefined),
  log_id: z.coerce.number().int().positive().optional().catch(undefined),
  link_lang: z.enum(LOCALES).optional().catch(undefined),
  link_lifetime: z.enum(LIFETIMES).optional().catch(undefined),
  refreshed: z.enum(['updated', 'unchanged', 'skipped', 'failed']).optional().catch(undefined),
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function StaffOrderPage({ params, searchParams }: Props) {
  const staff = await requireStaff();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const search = searchSchema.parse(raw);
  const db = getDb();
  const lang = search.lang ?? (await getLocale());
  const detail = await staffOrderDetail(db, staff.accountId, id.data, {
    lang,
    checkpointsOffset: search.checkpoints_offset,
    accessLogCursor: search.log_at && search.log_id ? { at: search.log_at, id: search.log_id } : undefined,
  }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  const requestHeaders = await headers();
  const link = search.link_lang
    ? await staffOrderLink(db, staff.accountId, id.data, {
        lang: search.link_lang,
        expiresIn: search.link_lifetime ?? '30d',
        baseUrl: baseUrl({ url: new URL('http://localhost'), header: (name) => requestHeaders.get(name) }),
      })
    : null;
  const t = translationsFor(await getLocale(), 'staff');
  const tLookup = translationsFor(await getLocale(), 'staffSettings');
  // Entries keep the lookup type as the API names it; older or unknown ones show as stored.
  const lookupName = (type: string) =>
    (LOOKUP_TYPES as readonly string[]).includes(type) ? tLookup(`lookup_${type as LookupType}`) : type;
  const format = formatterFor(await getLocale());
  const path = `/staff/orders/${id.data}`;
  const when = (iso: string, timeZone = 'UTC') =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const { projected, accessLog } = detail;

  return (
    <div className="space-y-8">
      <section aria-label={t('orderShopperView')}>
        <OrderView
          info={projected.info}
          extras={projected.extras}
          level="full"
          locale={projected.locale}
          search={search.checkpoints_offset ? { checkpoints_offset: String(search.checkpoints_offset) } : {}}
          now={new Date()}
          path={path}
          live={false}
        />
        <form action={refreshOrderAction} className="mt-4 flex flex-wrap items-center gap-3">
          <input type="hidden" name="order_id" value={id.data} />
          <button type="submit" className={buttonClass}>
            {t('refreshNow')}
          </button>
          {search.refreshed && (
            <p role="status" className="text-sm">
              {t(`refreshed_${search.refreshed}`)}
            </p>
          )}
        </form>
      </section>

      <section aria-labelledby="raw-heading">
        <h2 id="raw-heading" className="text-xl font-semibold">
          {t('rawEventsHeading')}
        </h2>
        <p className="mt-1 text-sm text-neutral-700">{t('rawEventsIntro')}</p>
        {detail.raw.map((tracking) => (
          // A table wider than a phone scrolls sideways: the region takes the focus, so arrow keys
          // scroll it too (axe: scrollable-region-focusable).
          <div
            key={tracking.trackingId}
            role="region"
            aria-label={t('rawEventsCaption', { number: tracking.trackingNumber })}
            tabIndex={0}
            className="mt-4 overflow-x-auto rounded-lg bg-white p-4 shadow-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
          >
            <h3 className="font-semibold">
              {tracking.courier.toUpperCase()} <span dir="ltr">{tracking.trackingNumber}</span>
            </h3>
            <p className="text-sm text-neutral-700">
              {tracking.lastRefreshedAt
                ? t('lastAskedCarrier', { when: when(tracking.lastRefreshedAt) })
                : t('neverAskedCarrier')}
            </p>
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">
                {t('rawEventsCaption', { number: tracking.trackingNumber })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('colHappened')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colRawCode')}</th>
                  <th scope="col">{t('colRawText')}</th>
                  <th scope="col">{t('colSource')}</th>
                  <th scope="col">{t('colStored')}</th>
                </tr>
              </thead>
              <tbody>
                {tracking.checkpoints.map((c) => (
                  <tr key={c.id} className="border-t border-neutral-200 align-top">
                    <td>
                      <time dateTime={c.eventTimestamp}>{c.eventTimestamp}</time>
                    </td>
                    <td>
                      {c.statusCode}
                      {c.hidden && <span className="ms-1 text-neutral-700">({t('hiddenFromShoppers')})</span>}
                    </td>
                    <td className="font-mono">{c.rawCode ?? '–'}</td>
                    <td>{c.rawText ?? '–'}</td>
                    <td>
                      {t(`source_${c.source}`)}
                      {c.source === 'carrier' && ` (${c.sourceDetail.slice('carrier:'.length)})`}
                    </td>
                    <td>
                      <time dateTime={c.storedAt}>{when(c.storedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {tracking.checkpoints.length === 0 && <p className="mt-2 text-sm">{t('noEvents')}</p>}
          </div>
        ))}
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading" className="text-xl font-semibold">
          {t('accessLogHeading')}
        </h2>
        <p className="mt-1 text-sm text-neutral-700">{t('accessLogIntro')}</p>
        {accessLog.entries.length === 0 ? (
          <p className="mt-2">{t('accessLogEmpty')}</p>
        ) : (
          <div
            role="region"
            aria-label={t('accessLogTableLabel')}
            tabIndex={0}
            className="mt-2 overflow-x-auto rounded-lg bg-white p-4 shadow-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('accessLogHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colWhen')}</th>
                  <th scope="col">{t('colChannel')}</th>
                  <th scope="col">{t('colLookup')}</th>
                  <th scope="col">{t('colProof')}</th>
                  <th scope="col">{t('colOutcome')}</th>
                  <th scope="col">{t('colClient')}</th>
                </tr>
              </thead>
              <tbody>
                {accessLog.entries.map((e) => (
                  <tr key={e.id} className="border-t border-neutral-200">
                    <td>
                      <time dateTime={e.at}>{when(e.at)}</time>
                      {e.count > 1 && (
                        // One row for identical lookups: "×14" read aloud says little, "14 lookups" does.
                        <>
                          {' '}
                          <span aria-hidden="true" className="text-neutral-700">
                            {`×${format.number(e.count)}`}
                          </span>
                          <span className="sr-only">{t('accessLogCount', { count: e.count })}</span>
                        </>
                      )}
                    </td>
                    <td>{t(`channel_${e.channel}`)}</td>
                    <td>{lookupName(e.lookup_type)}</td>
                    <td>{t(`proof_${e.proof}`)}</td>
                    <td>{t(`outcome_${e.outcome}`)}</td>
                    <td className="font-mono" title={t('clientHashHint')}>
                      {e.ip_hash.slice(0, 8)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {accessLog.next && (
              <a
                className="mt-2 inline-block underline"
                href={`${path}?${new URLSearchParams({ log_at: accessLog.next.at, log_id: String(accessLog.next.id) })}#log-heading`}
              >
                {t('accessLogOlder')}
              </a>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="link-heading">
        <h2 id="link-heading" className="text-xl font-semibold">
          {t('linkHeading')}
        </h2>
        <form method="get" action={path} className="mt-2 flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="link_lang" className="block text-sm font-medium">
              {t('linkLanguage')}
            </label>
            <select
              id="link_lang"
              name="link_lang"
              defaultValue={search.link_lang ?? projected.locale}
              className={fieldClass}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {new Intl.DisplayNames([l], { type: 'language' }).of(l)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="link_lifetime" className="block text-sm font-medium">
              {t('linkLifetime')}
            </label>
            <select
              id="link_lifetime"
              name="link_lifetime"
              defaultValue={search.link_lifetime ?? '30d'}
              className={fieldClass}
            >
              {LIFETIMES.map((l) => (
                <option key={l} value={l}>
                  {t('lifetimeDays', { days: Number(l.slice(0, -1)) })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>
            {t('linkMake')}
          </button>
        </form>
        {link && (
          <div className="mt-4 space-y-3">
            <p className="text-sm">{t('linkExpires', { when: when(link.expires_at) })}</p>
            <CopyField label={t('copySignedLink')} value={link.url} copy={t('copy')} copied={t('copied')} />
            <CopyField
              label={t('copyWidgetUrl')}
              value={link.widget_url}
              copy={t('copy')}
              copied={t('copied')}
            />
            <CopyField
              label={t('copyEmailSnippet')}
              value={link.email_html}
              copy={t('copy')}
              copied={t('copied')}
            />
          </div>
        )}
      </section>
    </div>
  );
}
