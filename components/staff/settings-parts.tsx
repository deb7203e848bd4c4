import type { ReactNode } from 'react';
import { FormMessage } from './form-message';

/** A settings table that scrolls sideways on a phone: a focusable, named region (axe asks for both). */
export function SettingsTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
    >
      <table className="w-full text-start text-sm [&_td]:py-2 [&_td]:pe-3 [&_td]:align-top [&_th]:pe-3 [&_th]:text-start">
        {children}
      </table>
    </div>
  );
}

/**
 * The outcome of the last change, from the `notice` or `error` code in the URL: only known codes
 * are shown, so a link cannot put words on the page.
 */
export function OutcomeMessage({
  search,
  notices,
  errors,
}: {
  search: { notice?: string | string[]; error?: string | string[] };
  notices: Record<string, string>;
  errors: Record<string, string>;
}) {
  const pick = (value: string | string[] | undefined, texts: Record<string, string>) =>
    typeof value === 'string' && Object.hasOwn(texts, value) ? texts[value] : undefined;
  const error = pick(search.error, errors);
  const notice = pick(search.notice, notices);
  if (error) return <FormMessage kind="error">{error}</FormMessage>;
  if (notice) return <FormMessage kind="notice">{notice}</FormMessage>;
  return null;
}

/** A destructive change behind a disclosure: one more click, and the consequence said first. */
export function ConfirmDetails({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group">
      <summary className="cursor-pointer rounded px-1 font-medium text-red-800 underline underline-offset-4 focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800">
        {summary}
      </summary>
      <div className="mt-2 max-w-sm space-y-2 rounded-md border border-red-300 bg-red-50 p-3">{children}</div>
    </details>
  );
}

export const dangerButtonClass =
  'rounded-md bg-red-800 px-3 py-1.5 text-sm font-semibold text-white focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800';
