import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { signLink } from '@/lib/access/signature';
import { DEMO_ACCOUNT_ID, DEMO_LINK_SECRET, DEMO_LOOKUPS } from '@/lib/demo/demo-data';
import { E2E_DATABASE_PATH } from '../playwright.config';

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

/**
 * The order page's Refresh button once the page's scripts have run: they load after its first
 * paint, and until then the button loads the page again instead of asking for a live refresh.
 */
export async function liveRefreshButton(page: Page) {
  await page.locator('form[data-hydrated]').waitFor();
  return page.getByRole('button', { name: 'Refresh' });
}

/** Fills in and sends the tracking page's form, as a shopper finds their order. */
export async function submitTrackForm(page: Page, lookup: { order_number: string; postal_code: string }) {
  await page.getByLabel('Order number').fill(lookup.order_number);
  await page.getByLabel('Postal code').fill(lookup.postal_code);
  await page.getByRole('button', { name: 'Track order' }).click();
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

/**
 * The pickup demo parcel's tracking lookup (read once through the API with the postal code): what
 * opens its limited view on the tracking page.
 */
export async function pickupTrackingLookup(request: APIRequestContext) {
  const info = await request.get(
    `/v4/track/orders/info/?account=${DEMO_ACCOUNT_ID}&${new URLSearchParams(DEMO_LOOKUPS.pickup)}`,
  );
  const tracking = (await info.json()).trackings[0];
  return {
    tracking_number: String(tracking.tracking_number),
    courier: String(tracking.courier_info.courier),
  };
}

/** WCAG 2.2 AA and best practices, with zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  // When a server action or a refresh re-renders the page, Next replaces the head a moment later
  // (for that moment the document has no title): axe must see the page as it settles, so it looks
  // again for a few seconds; a violation that stays still fails here.
  await expect(async () => {
    await expect(page).toHaveTitle(/\S/, { timeout: 1_000 });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }).toPass({ timeout: 10_000 });
}

/** `staff create` as an operator runs it (the CLI calls lib/staff/users.ts), on the server's database. */
export function createStaff(email: string, role: 'admin' | 'agent') {
  const out = execFileSync(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      'lib/cli/main.mts',
      '--json',
      'staff',
      'create',
      '--account',
      String(DEMO_ACCOUNT_ID),
      '--email',
      email,
      '--role',
      role,
      '--name',
      'Erika Admin',
    ],
    {
      env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE_PATH}`, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { email: string; one_time_password: string };
}

/** The password signInNew's staff members choose. */
export const OWN_PASSWORD = 'my own long password';

/** Fills in and sends the sign-in form, on the sign-in page or after its error. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new staff member of the demo shop, signed in with their own password, on the search page. */
export async function signInNew(page: Page, role: 'admin' | 'agent') {
  const staff = createStaff(`e2e-${role}-${Date.now()}@example.com`, role);
  await page.goto('/staff/sign-in?lang=en');
  await submitSignIn(page, staff.email, staff.one_time_password);
  await expect(page).toHaveURL(/\/staff\/change-password/);
  await page.getByLabel('Current password').fill(staff.one_time_password);
  await page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
  await page.getByLabel('New password again').fill(OWN_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  return { email: staff.email, password: OWN_PASSWORD };
}
