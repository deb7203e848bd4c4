import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { OrderView } from '@/components/order-view';
import { PageShell } from '@/components/page-shell';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { orderPagePreview } from '@/lib/staff/branding-preview';
import { requireStaff } from '@/lib/staff/session';

export const metadata: Metadata = { title: 'Preview', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The order page as shoppers would see it with the branding editor's unsaved values, for the
 * editor's frame: a sample order, nothing that reaches the API.
 */
export default async function BrandingPreviewPage({ searchParams }: Props) {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffBranding');
  const query = Object.fromEntries(
    Object.entries(await searchParams).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const preview = await orderPagePreview(getDb(), staff, query).catch((error: unknown) => {
    // Another account's client key looks like no page at all.
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <PageShell branding={preview.branding} search={{ lang: preview.locale }} landmarkLabel={t('previewPage')}>
      <OrderView
        info={preview.info}
        level="full"
        locale={preview.locale}
        search={{ lang: preview.locale }}
        now={preview.now}
        live={false}
      />
    </PageShell>
  );
}
