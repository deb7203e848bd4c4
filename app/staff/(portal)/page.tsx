import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/staff/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff');
  return { title: `${t('searchHeading')} – ${t('portalName')}` };
}

export default async function StaffSearchPage() {
  await requireStaff();
  const t = await getTranslations('staff');
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="text-2xl font-semibold">
        {t('searchHeading')}
      </h1>
      <p className="mt-2 text-neutral-700">{t('searchComing')}</p>
    </section>
  );
}
