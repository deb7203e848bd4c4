import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { LookupForm } from '@/components/lookup-form';
import { OrderView } from '@/components/order-view';
import { PageShell } from '@/components/page-shell';
import { ShopChoiceForm } from '@/components/shop-choice-form';
import { supportedLocale } from '@/lib/i18n/locales';
import { clientIp } from '@/lib/http/exchange';
import { pageQuery } from '@/lib/http/search-params';
import { readTrackPageOnce } from './page-state';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function readState(searchParams: Props['searchParams']) {
  const search = pageQuery(await searchParams);
  const requestHeaders = await headers();
  const state = await readTrackPageOnce(
    new URLSearchParams(search).toString(),
    clientIp({ header: (name) => requestHeaders.get(name) }),
  );
  return { search, state };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { state } = await readState(searchParams);
  const t = await getTranslations('page');
  return { title: t('metaTitle', { shop: state.branding.name }), robots: { index: false } };
}

export default async function TrackPage({ searchParams }: Props) {
  const { search, state } = await readState(searchParams);
  // Without a supported `lang` the order's own language applies (SPEC §2); put it in the URL so
  // the whole page, <html lang> included, renders in it.
  if (state.kind === 'order' && !supportedLocale(search.lang) && state.order.locale !== (await getLocale())) {
    redirect(`/track?${new URLSearchParams({ ...search, lang: state.order.locale })}`);
  }
  const t = await getTranslations('page');
  const format = await getFormatter();
  if (state.kind === 'order') {
    return (
      <PageShell branding={state.branding} search={search}>
        <OrderView
          info={state.order.info}
          extras={state.order.extras}
          level={state.order.level}
          locale={state.order.locale}
          search={search}
          now={new Date()}
          lockedForS={state.order.lockedForS}
        />
      </PageShell>
    );
  }
  const { postal_code: _postal, recipient_postal_code: _proof, lang: _lang, ...lookup } = search;
  if (state.reason === 'choose_shop') {
    return (
      <PageShell branding={state.branding} search={search}>
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
    <PageShell branding={state.branding} search={search}>
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
