import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { signLink } from '@/lib/access/signature';
import { DEMO_ACCOUNT_ID, DEMO_LINK_SECRET, DEMO_LOOKUPS } from '@/lib/demo/demo-data';

export { DEMO_LOOKUPS };

let ipCounter = 0;
/** A client address of its own per test, so rate limits and lockouts never leak between tests. */
export async function useFreshIp(page: Page) {
  ipCounter++;
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': `203.0.${process.pid % 250}.${ipCounter}` });
}

export function trackUrl(params: Record<string, string | number>) {
  return `/track?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

/** A signed link as a shop would mint it, with the demo account's public secret. */
export function signedDemoLink(orderNumber: string, lang?: string) {
  const s = signLink(
    DEMO_LINK_SECRET,
    { account: DEMO_ACCOUNT_ID, lookup: 'order_number', value: orderNumber },
    Math.floor(Date.now() / 1000) + 3600,
  );
  return trackUrl({ account: DEMO_ACCOUNT_ID, order_number: orderNumber, s, ...(lang ? { lang } : {}) });
}

/** WCAG 2.2 AA and best practices, with zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}
