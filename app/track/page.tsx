import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { LookupForm } from '@/components/lookup-form';
import { OrderView } from '@/components/order-view';
import { PageShell } from '@/components/page-shell';
import { ShopChoiceForm } from '@/components/shop-choice-form';
import { getConfig } from '@/lib/config';
import { ACCEPT_LANG_HEADER, supportedLocale } from '@/lib/i18n/locales';
import { clientIp } from '@/lib/http/exchange';
import { shopContactLinks } from '@/lib/projection/next-steps';
import { pageQuery } from '@/lib/http/search-params';
import { carriesProof, HANDED_READ_HEADER, readTrackPageOnce, withoutAttempt } from './page-state';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The page's state, read once per request; a URL with a proof is redirected (page-state.ts).
 * `search` is what links and forms on the page repeat: without the attempt the URL reports.
 */
async function readState(searchParams: Props['searchParams']) {
  const query = pageQuery(await searchParams);
  const requestHeaders = await headers();
  const state = await readTrackPageOnce(
    new URLSearchParams(query).toString(),
    clientIp({ header: (name) => requestHeaders.get(name) }),
    requestHeaders.get(ACCEPT_LANG_HEADER) || null,
    requestHeaders.get(HANDED_READ_HEADER),
  );
  if (state.kind === 'redirect') redirect(state.location);
  return { query, search: withoutAttempt(query), state };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'page');
  // A URL with a proof only redirects. Next renders the metadata of a redirect once more, outside
  // the request's `cache`, so reading here would check (and count) the proof twice.
  if (carriesProof(pageQuery(await searchParams))) return { robots: { index: false } };
  const { state } = await readState(searchParams);
  return { title: t('metaTitle', { shop: state.branding.name }), robots: { index: false } };
}

export default async function TrackPage({ searchParams }: Props) {
  const { query, search, state } = await readState(searchParams);
  // Without a supported `lang` the order's own language applies (SPEC §2); put it in the URL so
  // the whole page, <html lang> included, renders in it.
  if (state.kind === 'order' && !supportedLocale(search.lang) && state.order.locale !== (await getLocale())) {
    redirect(`/track?${new URLSearchParams({ ...query, lang: state.order.locale })}`);
  }
  const t = translationsFor(await getLocale(), 'page');
  const format = formatterFor(await getLocale());
  if (state.kind === 'order') {
    const { attempt } = state;
    // A refused unlock keeps the limited view: it says why, and the form asks again.
    const refusal =
      attempt?.reason === 'not_found'
        ? t('notFoundPostalCode')
        : attempt?.reason === 'invalid'
          ? t('invalid', { fields: t('postalCode') })
          : null;
    const { info } = state.order;
    const tf = translationsFor(await getLocale(), 'forward');
    const subject = info.order_number ? tf('emailSubject', { number: info.order_number }) : undefined;
    const forward = {
      shop: shopContactLinks(state.contact, subject),
      shopName: state.branding.name,
      notReceivedAfterHours: getConfig().NOT_RECEIVED_AFTER_HOURS,
    };
    return (
      <PageShell branding={state.branding} search={search} contact={state.contact} path="/track">
        {refusal && (
          <p role="alert" className="mb-4 rounded-md bg-red-100 p-3 text-red-950">
            {refusal}
          </p>
        )}
        <OrderView
          forward={forward}
          info={state.order.info}
          extras={state.order.extras}
          level={state.order.level}
          locale={state.order.locale}
          search={search}
          now={new Date()}
          lockedForS={
            state.order.lockedForS ??
            (attempt?.reason === 'rate_limited' ? (attempt.retryAfterS ?? 60) : undefined)
          }
        />
      </PageShell>
    );
  }
  const { postal_code: _postal, recipient_postal_code: _proof, lang: _lang, ...lookup } = search;
  if (state.reason === 'choose_shop') {
    return (
      <PageShell branding={state.branding} search={search} contact={state.contact} path="/track">
        <ShopChoiceForm
          shops={state.shops ?? []}
          lookup={{ ...lookup, ...(search.lang ? { lang: search.lang } : {}) }}
        />
      </PageShell>
    );
  }
  const message = {
    lookup: null,
    verify: null,
    not_found: state.proofOnly ? t('notFoundPostalCode') : t('notFound'),
    rate_limited: t('rateLimited', { minutes: Math.ceil((state.retryAfterS ?? 60) / 60) }),
    invalid: state.invalidLabels?.length
      ? t('invalid', { fields: format.list(state.invalidLabels.map((key) => t(key))) })
      : t('invalidLink'),
  }[state.reason];
  const verifying = state.reason === 'verify' || state.proofOnly === true;
  return (
    <PageShell branding={state.branding} search={search} contact={state.contact} path="/track">
      {message && (
        <p role="alert" className="mb-4 rounded-md bg-red-100 p-3 text-red-950">
          {message}
        </p>
      )}
      <LookupForm
        account={verifying ? undefined : state.account}
        lang={search.lang}
        hidden={verifying ? lookup : undefined}
        orderNumber={state.query.order_number}
        heading={verifying ? t('verifyHeading') : t('lookupHeading')}
        intro={verifying ? t('verifyIntro') : t('lookupIntro')}
        headingLevel={1}
      />
    </PageShell>
  );
}
