import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { SettingsTable } from '@/components/staff/settings-parts';
import { getDb } from '@/lib/db/client';
import type { AuditLogRow } from '@/lib/db/schema';
import { accountAuditLog } from '@/lib/staff/settings';
import { requireStaff } from '@/lib/staff/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = translationsFor(await getLocale(), 'staffSettings');
  const tStaff = translationsFor(await getLocale(), 'staff');
  return { title: `${t('auditHeading')} – ${tStaff('portalName')}` };
}

type Detail = Record<string, unknown>;

/** The account's audit log, newest first, a page at a time (`before` is the cursor). */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ role: 'admin' });
  const { before } = await searchParams;
  const page = await accountAuditLog(getDb(), staff, typeof before === 'string' ? before : null);
  const t = translationsFor(await getLocale(), 'staffSettings');
  const format = formatterFor(await getLocale());
  const role = (value: unknown) => (value === 'admin' || value === 'agent' ? t(`role_${value}`) : '–');

  // What an entry did, in words: the action's sentence with the parts of its detail that matter.
  const what = (entry: AuditLogRow) => {
    let detail: Detail = {};
    try {
      detail = entry.detail ? (JSON.parse(entry.detail) as Detail) : {};
    } catch {
      // A damaged detail still leaves the action's own sentence.
    }
    switch (entry.action) {
      case 'token.create':
        return t('action_token_create', {
          name: String(detail.name ?? '–'),
          scopes: Array.isArray(detail.scopes) ? detail.scopes.join(', ') : '–',
        });
      case 'token.revoke':
        return t('action_token_revoke', { name: String(detail.name ?? '–') });
      case 'access_policy.update':
        return t('action_access_policy_update', {
          lookups: Object.keys(detail)
            .map((type) => (t.has(`lookup_${type}`) ? t(`lookup_${type}`) : type))
            .join(', '),
        });
      case 'staff.invite':
        return t('action_staff_invite', { role: role(detail.role) });
      case 'staff.role':
        return t('action_staff_role', { from: role(detail.from), to: role(detail.to) });
      case 'staff.remove':
        return t('action_staff_remove', { role: role(detail.role) });
      default: {
        const key = `action_${entry.action.replace(/\./g, '_')}`;
        return t.has(key) ? t(key) : entry.action;
      }
    }
  };

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <h1 id="audit-heading" className="text-2xl font-semibold">
        {t('auditHeading')}
      </h1>
      <p className="text-neutral-700">{t('auditIntro')}</p>
      {page.entries.length === 0 ? (
        <p>{t('noEntries')}</p>
      ) : (
        <SettingsTable label={t('auditTable')}>
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colWho')}</th>
              <th scope="col">{t('colWhat')}</th>
              <th scope="col">{t('colTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-neutral-200">
                <td>
                  <time dateTime={entry.at}>
                    {format.dateTime(new Date(entry.at), {
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                      timeZone: 'UTC',
                    })}
                  </time>
                </td>
                <td>{entry.actor_email}</td>
                <td>{what(entry)}</td>
                <td className="break-all">{entry.target ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </SettingsTable>
      )}
      <nav aria-label={t('auditPages')} className="flex gap-4">
        {before !== undefined && (
          <Link href="/staff/settings/audit" className="font-medium underline underline-offset-4">
            {t('newest')}
          </Link>
        )}
        {page.next && (
          <Link
            href={`/staff/settings/audit?before=${encodeURIComponent(`${page.next.at}~${page.next.id}`)}`}
            className="font-medium underline underline-offset-4"
          >
            {t('older')}
          </Link>
        )}
      </nav>
    </section>
  );
}
