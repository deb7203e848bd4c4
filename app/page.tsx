import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { LookupForm } from '@/components/lookup-form';
import { PageShell } from '@/components/page-shell';
import { getDb } from '@/lib/db/client';
import { pageQuery } from '@/lib/http/search-params';
import { getBranding, getShopContact } from '@/lib/orders/branding';
import { pageAccount } from './page-account';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const branding = await getBranding(getDb(), pageAccount(pageQuery(await searchParams).account));
  const t = translationsFor(await getLocale(), 'page');
  return { title: t('metaTitle', { shop: branding.name }) };
}

/** The lookup form: order number + postal code, for the shop in `account` or DEFAULT_ACCOUNT. */
export default async function HomePage({ searchParams }: Props) {
  const search = pageQuery(await searchParams);
  const account = pageAccount(search.account);
  const t = translationsFor(await getLocale(), 'page');
  return (
    <PageShell
      branding={await getBranding(getDb(), account)}
      contact={await getShopContact(getDb(), account)}
      search={search}
      path="/"
    >
      <LookupForm
        account={account}
        lang={search.lang}
        heading={t('lookupHeading')}
        intro={t('lookupIntro')}
        headingLevel={1}
      />
    </PageShell>
  );
}
