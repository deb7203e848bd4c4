import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';

/**
 * An agent on an admin page (lib/staff/session.ts): a 403 inside the portal that says why, rather
 * than a 404 that reads like a broken link. That admin pages exist is no secret worth keeping.
 */
export default async function StaffForbidden() {
  const t = translationsFor(await getLocale(), 'staff');
  return (
    <section aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading" className="text-2xl font-semibold">
        {t('forbiddenHeading')}
      </h1>
      <p className="mt-2 text-neutral-700">{t('forbiddenText')}</p>
      <Link href="/staff" className="mt-4 inline-block font-medium underline underline-offset-4">
        {t('forbiddenBack')}
      </Link>
    </section>
  );
}
