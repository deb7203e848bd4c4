import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_ACCOUNT_ID, DEMO_LOOKUPS, DEMO_SHOP_NAME } from '@/lib/demo/demo-data';
import { E2E_DATABASE_PATH } from '../playwright.config';
import {
  createStaff,
  expectNoAxeViolations,
  signInNew,
  submitSignIn,
  submitTrackForm,
  useFreshIp,
} from './fixtures';

test('a new admin signs in with the one-time password, sets their own, sees the branded portal and signs out', async ({
  page,
}) => {
  // The CLI start and five page loads with axe checks take longer than the default.
  test.setTimeout(120_000);
  await useFreshIp(page);
  const staff = createStaff(`e2e-admin-${Date.now()}@example.com`, 'admin');

  await page.goto('/staff?lang=en');
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff sign-in');
  await expectNoAxeViolations(page);

  await submitSignIn(page, staff.email, 'not the password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not right.');

  await submitSignIn(page, staff.email, staff.one_time_password);

  // A one-time password must be replaced before anything else.
  await expect(page).toHaveURL(/\/staff\/change-password/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Current password').fill(staff.one_time_password);
  await page.getByLabel('New password', { exact: true }).fill('my own long password');
  await page.getByLabel('New password again').fill('my own long password');
  await page.getByRole('button', { name: 'Change password' }).click();

  await expect(page).toHaveURL(/\/staff$/);
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(DEMO_SHOP_NAME);
  await expect(banner).toContainText('Signed in as Erika Admin');
  const nav = page.getByRole('navigation', { name: 'Staff portal' });
  await expect(nav.getByRole('link')).toHaveText(['Search', 'Watchlist', 'Settings']);
  await expect(nav.getByRole('link', { name: 'Search' })).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('searchbox', { name: 'Order or tracking number, email, customer number or reference' }),
  ).toBeFocused();
  await expectNoAxeViolations(page);

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?notice=signed_out/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('You have signed out.');
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/sign-in/);
});

test('five wrong passwords lock the email: then the right one is refused too', async ({ page }) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  const staff = createStaff(`e2e-locked-${Date.now()}@example.com`, 'agent');
  const alert = page.getByRole('main').getByRole('alert');
  // Each attempt starts on a clean sign-in page, so its answer is not the previous one's.
  const attempt = async (password: string) => {
    await page.goto('/staff/sign-in?lang=en');
    await expect(alert).toHaveCount(0);
    await submitSignIn(page, staff.email, password);
  };
  for (let i = 1; i <= 5; i++) {
    await attempt(`wrong password ${i}`);
    await expect(page).toHaveURL(/\/staff\/sign-in\?error=invalid/);
    await expect(alert).toHaveText('The email or password is not right.');
  }
  await attempt(staff.one_time_password);
  await expect(page).toHaveURL(/\/staff\/sign-in\?error=locked/);
  // STAFF_LOCKOUT_MINUTES (15) from the first failure, rounded up.
  await expect(alert).toHaveText('Too many failed sign-ins. Try again in 15 minutes.');
  await expectNoAxeViolations(page);
});

/** The first parcel of a demo order, read from the server's database. */
function demoTrackingNumber(orderNumber: string) {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  try {
    const row = db
      .prepare(
        `select t.tracking_number from trackings t join orders o on o.id = t.order_id
         where o.account_id = ? and o.order_number = ? order by t.position, t.id`,
      )
      .get(DEMO_ACCOUNT_ID, orderNumber) as { tracking_number: string };
    return row.tracking_number;
  } finally {
    db.close();
  }
}

test('an agent finds a demo order by its tracking number with the keyboard, opens it, then the watchlist', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  const orderNumber = DEMO_LOOKUPS.inTransit.order_number;
  // A shopper's lookup on the tracking page first (before there is a staff session), so the order
  // view has an access log to show (and check with axe).
  await page.goto('/?lang=en');
  await submitTrackForm(page, DEMO_LOOKUPS.inTransit);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${orderNumber}`);
  await signInNew(page, 'agent');
  const trackingNumber = demoTrackingNumber(orderNumber);

  await page.goto('/staff?lang=en');
  const box = page.getByRole('searchbox', {
    name: 'Order or tracking number, email, customer number or reference',
  });
  await expect(box).toBeFocused();
  await page.keyboard.type(trackingNumber);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=/);
  const results = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Found by' });
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText(trackingNumber);
  await expect(box).toBeFocused();
  await expectNoAxeViolations(page);

  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: orderNumber })).toBeFocused();
  // Up goes back to the box, down again to the result.
  await page.keyboard.press('ArrowUp');
  await expect(box).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/staff\/orders\/\d+/);
  await expect(page.getByRole('heading', { name: 'Carrier events as stored' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(trackingNumber);
  // The shopper's lookup: on the tracking page, proven by the postal code, in full (the page it
  // led to, opened by its signed link, is logged beside it).
  const lookups = page.getByRole('region', { name: 'Lookups, newest first' }).getByRole('row');
  await expect(lookups.filter({ hasText: 'Signed link' }).first()).toBeVisible();
  const shopperLookup = lookups.filter({ hasText: 'Postal code' }).first();
  await expect(shopperLookup.getByRole('cell')).toHaveText([
    /./,
    'Tracking page',
    'Order number',
    'Postal code',
    'Full view',
    /^\S{8}$/,
  ]);
  await expectNoAxeViolations(page);

  await page
    .getByRole('navigation', { name: 'Staff portal' })
    .getByRole('link', { name: 'Watchlist' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watchlist');
  await expect(page.getByRole('main')).toContainText('Choose a reason above to see its parcels.');
  await expectNoAxeViolations(page);

  // The demo shop has a parcel with import duties due: an exception, linked to its order view.
  await page.getByRole('link', { name: /^Exception/ }).click();
  await expect(page).toHaveURL(/reason=exception/);
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: DEMO_LOOKUPS.exception.order_number })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an agent narrows a watchlist reason by courier and age and turns its order around', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  await signInNew(page, 'agent');
  await page.goto('/staff/watchlist?lang=en');
  await page.getByRole('link', { name: /^Exception/ }).click();
  await expect(page).toHaveURL(/reason=exception/);
  const rows = page.getByRole('region', { name: 'Exception', exact: true }).locator('tbody tr');
  const parcels = rows.locator('td:nth-child(2)');
  await expect(rows.first()).toBeVisible();
  // The demo shop's exceptions: more than one courier, and more than one parcel with UPS.
  const unfiltered = await parcels.allTextContents();
  const ups = unfiltered.filter((parcel) => parcel.startsWith('UPS '));
  expect(ups.length).toBeGreaterThan(1);
  expect(ups.length).toBeLessThan(unfiltered.length);

  await page.getByLabel('Courier', { exact: true }).selectOption({ label: 'UPS' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]courier=ups(&|$)/);
  await expect(page).toHaveURL(/[?&]reason=exception(&|$)/);
  // Longest on the list first, as before the filter.
  await expect(parcels).toHaveText(ups);

  await page.getByLabel('Order', { exact: true }).selectOption({ label: 'Latest on the list first' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]sort=newest(&|$)/);
  await expect(page).toHaveURL(/[?&]courier=ups(&|$)/);
  await expect(parcels).toHaveText([...ups].reverse());
  await expectNoAxeViolations(page);

  const minAge = 3;
  await page.getByLabel('On the list for at least (days)').fill(String(minAge));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]min_age=${minAge}(&|$)`));
  await expect(page).toHaveURL(/[?&]courier=ups(&|$)/);
  await expect(rows.first()).toBeVisible();
  const shown = await parcels.allTextContents();
  expect(shown.length).toBeLessThan(ups.length);
  for (const parcel of shown) expect(parcel).toMatch(/^UPS /);
  const since = await rows
    .locator('td:nth-child(5) time')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
  for (const at of since) expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() - minAge * 86_400_000);

  await page.getByLabel('On the list for at least (days)').fill('3650');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]min_age=3650(&|$)/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'No parcels are on the list for this reason with these filters.',
  );
  await expect(rows).toHaveCount(0);
  await expectNoAxeViolations(page);
});
