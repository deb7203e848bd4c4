'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { brandingErrorKey, saveBrandingSettings } from '@/lib/staff/branding-settings';
import { requireStaff } from '@/lib/staff/session';

const PAGE = '/staff/settings/branding';

/**
 * The branding editor's form (multipart, with the logo): saves and shows the page again with the
 * outcome, so it works without JavaScript too. What went wrong travels as a message key.
 */
export async function saveBrandingAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ role: 'admin' });
  const values = Object.fromEntries(
    [...form].filter(([name, value]) => typeof value === 'string' && !name.startsWith('$ACTION')),
  );
  const logo = form.get('logo');
  const clientKey = typeof values.client_key === 'string' ? values.client_key : '';
  const back = (query: Record<string, string>) =>
    `${PAGE}?${new URLSearchParams({ ...(clientKey && { client_key: clientKey }), ...query })}`;
  let changed: number;
  try {
    const saved = await saveBrandingSettings(getDb(), staff, values, logo instanceof Blob ? logo : null);
    changed = saved.changes.length;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const key = brandingErrorKey(error);
    // A client key the account does not have: back to the account's own brand.
    if (key === 'client_key') redirect(`${PAGE}?error=client_key`);
    redirect(back({ error: key }));
  }
  redirect(back({ saved: changed > 0 ? '1' : '0' }));
}
