'use client';

import type { KeyboardEvent, ReactNode } from 'react';

/**
 * Arrow keys move focus between a search box and the links of its results, without a mouse:
 * ArrowDown from the box goes to the first result, ArrowUp from the first result back to the box.
 * The items stay plain links rendered on the server, so Enter opens them and the list works
 * without JavaScript; this only moves focus.
 */
export function ArrowKeyList({ inputId, children }: { inputId: string; children: ReactNode }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const input = document.getElementById(inputId);
    const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-result]'));
    const stops = input ? [input, ...links] : links;
    const at = stops.indexOf(event.target as HTMLElement);
    if (at === -1 || links.length === 0) return;
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0);
    event.preventDefault();
    stops[next]?.focus();
  };
  return (
    // Key presses bubble up here from the box and the links, which take the focus themselves.
    <div onKeyDown={onKeyDown}>{children}</div>
  );
}
