'use client';

import { useState } from 'react';

/** A read-only value with a button that copies it (links and snippets staff paste elsewhere). */
export function CopyField({
  label,
  value,
  copy,
  copied,
}: {
  label: string;
  value: string;
  copy: string;
  copied: string;
}) {
  const [done, setDone] = useState(false);
  const id = `copy-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          className="min-w-0 flex-1 rounded-md border border-neutral-500 bg-neutral-50 px-3 py-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="rounded-md border border-neutral-700 px-3 py-2 text-sm font-semibold focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800"
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setDone(true);
          }}
        >
          {copy}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-5 text-sm text-neutral-700">
        {done ? copied : ''}
      </p>
    </div>
  );
}
