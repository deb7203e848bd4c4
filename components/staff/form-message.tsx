import type { ReactNode } from 'react';

/** An error or notice above a form, read out when it appears (server pages and client forms alike). */
export function FormMessage({ kind, children }: { kind: 'error' | 'notice'; children: ReactNode }) {
  return kind === 'error' ? (
    <p role="alert" className="mb-4 rounded-md bg-red-100 p-3 text-red-950">
      {children}
    </p>
  ) : (
    <p role="status" className="mb-4 rounded-md bg-green-100 p-3 text-green-950">
      {children}
    </p>
  );
}
