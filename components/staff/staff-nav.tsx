'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The portal's navigation; the current page is marked for screen readers and by an underline. */
export function StaffNav({ label, links }: { label: string; links: Array<{ href: string; label: string }> }) {
  const pathname = usePathname();
  const current = (href: string) =>
    href === '/staff' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-4">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current(link.href) ? 'page' : undefined}
              className="rounded px-1 font-medium underline-offset-4 hover:underline focus:outline-none focus-visible:ring-4 focus-visible:ring-white aria-[current=page]:underline aria-[current=page]:decoration-2"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
