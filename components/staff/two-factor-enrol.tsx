'use client';

import { useActionState } from 'react';
import type { TwoFactorEnrolState } from '@/app/staff/actions';
import { buttonClass, fieldClass } from './staff-form-styles';

export type TwoFactorEnrolLabels = Record<
  | 'password'
  | 'enable'
  | 'enrolIntro'
  | 'key'
  | 'uri'
  | 'backupCodes'
  | 'code'
  | 'confirm'
  | 'wrongPassword'
  | 'wrongCode',
  string
>;

/** Turning on TOTP: the password gives a key for the authenticator app, then its code confirms it. */
export function TwoFactorEnrol({
  action,
  labels,
}: {
  action: (state: TwoFactorEnrolState, form: FormData) => Promise<TwoFactorEnrolState>;
  labels: TwoFactorEnrolLabels;
}) {
  const [state, formAction, pending] = useActionState(action, { step: 'start' });
  if (state.step === 'start') {
    return (
      <form action={formAction} className="space-y-4">
        {state.error && (
          <p role="alert" className="rounded-md bg-red-100 p-3 text-red-950">
            {labels.wrongPassword}
          </p>
        )}
        <label className="block">
          <span className="font-medium">{labels.password}</span>
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            className={fieldClass}
          />
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>
          {labels.enable}
        </button>
      </form>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <p>{labels.enrolIntro}</p>
      <dl className="space-y-2">
        <dt className="font-medium">{labels.key}</dt>
        <dd>
          <code className="break-all rounded bg-neutral-100 px-2 py-1">{state.secret}</code>
        </dd>
        <dt className="font-medium">{labels.uri}</dt>
        <dd>
          <code className="break-all rounded bg-neutral-100 px-2 py-1 text-sm">{state.totpUri}</code>
        </dd>
        <dt className="font-medium">{labels.backupCodes}</dt>
        <dd>
          <ul className="grid grid-cols-2 gap-1 font-mono">
            {state.backupCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </dd>
      </dl>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-100 p-3 text-red-950">
          {labels.wrongCode}
        </p>
      )}
      <label className="block">
        <span className="font-medium">{labels.code}</span>
        <input
          name="code"
          required
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          autoComplete="one-time-code"
          className={fieldClass}
        />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.confirm}
      </button>
    </form>
  );
}
