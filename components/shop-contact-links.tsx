import { translationsFor } from '@/lib/i18n/translations';
import type { ContactLink } from '@/lib/projection/next-steps';

const LINK = 'font-medium text-[var(--brand)] underline underline-offset-4';

/** The shop's email, phone and help page as links, each saying what it does. */
export function ShopContactLinks({
  links,
  label,
  locale,
}: {
  links: ContactLink[];
  label?: string;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const t = translationsFor(locale, 'forward');
  const text = (link: ContactLink) =>
    link.kind === 'email'
      ? t('emailLink', { address: link.text })
      : link.kind === 'phone'
        ? t('phoneLink', { number: link.text })
        : t('helpLink', { host: link.text });
  return (
    <ul aria-label={label} className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
      {links.map((link) => (
        <li key={link.kind}>
          <a
            href={link.href}
            className={LINK}
            {...(link.kind === 'help' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {/* Isolated: an address inside Arabic text must not reorder its neighbours. */}
            <bdi>{text(link)}</bdi>
          </a>
        </li>
      ))}
    </ul>
  );
}
