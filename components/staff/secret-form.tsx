'use client';

import { type ReactNode, useActionState } from 'react';
import { CopyField } from './copy-field';
import { FormMessage } from './form-message';
import { buttonClass } from './staff-form-styles';

/** What a form that makes a secret answers: the secret comes once, in this answer only. */
export type SecretFormState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'done'; message: string; secret: string };

/**
 * A form whose server action makes something with a secret (a token, a one-time password, a link
 * secret) and shows it once. The secret lives in this component's state: not in the URL, not in
 * the page when it is loaded again.
 */
export function SecretForm({
  action,
  submitLabel,
  secretLabel,
  copy,
  copied,
  children,
}: {
  action: (state: SecretFormState, form: FormData) => Promise<SecretFormState>;
  submitLabel: string;
  secretLabel: string;
  copy: string;
  copied: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div>
      {state.status === 'error' && <FormMessage kind="error">{state.message}</FormMessage>}
      {state.status === 'done' && (
        <div className="mb-4 rounded-md border border-green-700 p-3">
          <FormMessage kind="notice">{state.message}</FormMessage>
          <CopyField label={secretLabel} value={state.secret} copy={copy} copied={copied} />
        </div>
      )}
      <form action={formAction} className="space-y-4">
        {children}
        <button type="submit" className={buttonClass} disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </div>
  );
}
