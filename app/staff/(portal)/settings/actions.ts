'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import type { SecretFormState } from '@/components/staff/secret-form';
import { getStaffAuth } from '@/lib/access/staff-auth';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import {
  changeStaffRole,
  createAccountToken,
  inviteStaff,
  removeStaff,
  revokeAccountToken,
  rotateAccountLinkSecret,
  updateAccessPolicy,
} from '@/lib/staff/settings';
import { requireStaff } from '@/lib/staff/session';
import { LOOKUP_TYPES } from '@/lib/status/vocabulary';

// The settings forms. Each action checks for an admin itself (a crafted request reaches it
// without the page), hands the form to one use case in lib/staff/settings.ts, which validates it
// with zod and scopes it to the admin's account, and answers with a redirect that carries a code
// (never a value from the form) or, for the forms that make a secret, with that secret once.

type Outcome = `notice=${string}` | `error=${string}`;

/** Runs a change; a refusal of the use case becomes an error code for the page to explain. */
async function outcomeOf(change: () => Promise<unknown>, notice: string): Promise<Outcome> {
  try {
    await change();
    return `notice=${notice}`;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `error=${error.code}`;
  }
}

function failed(
  error: unknown,
  messages: Partial<Record<string, string>>,
  fallback: string,
): SecretFormState {
  if (!(error instanceof DomainError)) throw error;
  return { status: 'error', message: messages[error.code] ?? fallback };
}

export async function createTokenAction(_state: SecretFormState, form: FormData): Promise<SecretFormState> {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffSettings');
  try {
    const token = await createAccountToken(getDb(), staff, {
      name: form.get('name') ?? '',
      scopes: form.getAll('scopes'),
    });
    revalidatePath('/staff/settings/tokens');
    return { status: 'done', message: t('tokenCreated'), secret: token.token };
  } catch (error) {
    return failed(error, { invalid: t('tokenInvalid') }, t('failed'));
  }
}

export async function revokeTokenAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ role: 'admin' });
  const outcome = await outcomeOf(
    () => revokeAccountToken(getDb(), staff, { id: form.get('id') ?? '' }),
    'revoked',
  );
  redirect(`/staff/settings/tokens?${outcome}`);
}

export async function rotateLinkSecretAction(_state: SecretFormState): Promise<SecretFormState> {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffSettings');
  try {
    const { linkSecret } = await rotateAccountLinkSecret(getDb(), staff);
    revalidatePath('/staff/settings/access');
    return { status: 'done', message: t('rotated'), secret: linkSecret };
  } catch (error) {
    return failed(error, {}, t('failed'));
  }
}

export async function updateAccessPolicyAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ role: 'admin' });
  const policy = Object.fromEntries(
    LOOKUP_TYPES.map((type) => [
      type,
      { no_proof: form.get(`${type}.no_proof`), with_proof: form.get(`${type}.with_proof`) },
    ]),
  );
  let changed = 0;
  const outcome = await outcomeOf(async () => {
    changed = (await updateAccessPolicy(getDb(), staff, policy)).changed.length;
  }, 'policy_saved');
  redirect(
    `/staff/settings/access?${changed === 0 && outcome.startsWith('notice') ? 'notice=unchanged' : outcome}`,
  );
}

export async function inviteStaffAction(_state: SecretFormState, form: FormData): Promise<SecretFormState> {
  const staff = await requireStaff({ role: 'admin' });
  const t = translationsFor(await getLocale(), 'staffSettings');
  try {
    const created = await inviteStaff(getDb(), await getStaffAuth(), staff, {
      email: form.get('email') ?? '',
      role: form.get('role') ?? '',
      name: form.get('name') ?? undefined,
    });
    revalidatePath('/staff/settings/users');
    return {
      status: 'done',
      message: t('invited', { email: created.member.email }),
      secret: created.oneTimePassword ?? '',
    };
  } catch (error) {
    return failed(error, { invalid: t('inviteInvalid'), conflict: t('inviteTaken') }, t('failed'));
  }
}

export async function changeRoleAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ role: 'admin' });
  const outcome = await outcomeOf(
    () =>
      changeStaffRole(getDb(), staff, { user_id: form.get('user_id') ?? '', role: form.get('role') ?? '' }),
    'role_changed',
  );
  redirect(`/staff/settings/users?${outcome}`);
}

export async function removeStaffAction(form: FormData): Promise<never> {
  const staff = await requireStaff({ role: 'admin' });
  let removedSelf = false;
  const outcome = await outcomeOf(async () => {
    ({ removedSelf } = await removeStaff(getDb(), await getStaffAuth(), staff, {
      user_id: form.get('user_id') ?? '',
    }));
  }, 'removed');
  // Whoever removed themself has no session left.
  redirect(removedSelf ? '/staff/sign-in' : `/staff/settings/users?${outcome}`);
}
