export const fieldClass =
  'mt-1 block w-full rounded-md border border-neutral-500 bg-white px-3 py-2 text-base focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800';
export const buttonClass =
  'rounded-md bg-[var(--brand)] px-4 py-2 font-semibold text-[var(--on-brand)] focus:outline-none focus-visible:ring-4 focus-visible:ring-neutral-800 disabled:opacity-60';
