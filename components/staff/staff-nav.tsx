'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * A navigation of the portal (the header's, or a section's like settings); the current page is
 * marked for screen readers and by an underline. `root` is marked on itself only, not on the
 * pages beneath it, which have links of their own.
 */
export function StaffNav({
  label,
  links,
  root = '/staff',
  tone = 'header',
}: {
  label: string;
  links: Array<{ href: string; label: string }>;
  root?: string;
  /** On the brand colour of the header, or on the page. */
  tone?: 'header' | 'page';
}) {
  const pathname = usePathname();
  const current = (href: string) =>
    href === root ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const ring = tone === 'header' ? 'focus-visible:ring-white' : 'focus-visible:ring-neutral-800';
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-4 gap-y-2">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current(link.href) ? 'page' : undefined}
              className={`rounded px-1 font-medium underline-offset-4 hover:underline focus:outline-none focus-visible:ring-4 ${ring} aria-[current=page]:underline aria-[current=page]:decoration-2`}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
