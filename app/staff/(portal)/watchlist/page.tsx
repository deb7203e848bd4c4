import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/staff/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('staff');
  return { title: `${t('watchlistHeading')} – ${t('portalName')}` };
}

export default async function StaffWatchlistPage() {
  await requireStaff();
  const t = await getTranslations('staff');
  return (
    <section aria-labelledby="watchlist-heading">
      <h1 id="watchlist-heading" className="text-2xl font-semibold">
        {t('watchlistHeading')}
      </h1>
      <p className="mt-2 text-neutral-700">{t('watchlistComing')}</p>
    </section>
  );
}
