import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_SHOP_NAME } from '@/lib/demo/demo-data';
import { E2E_DATABASE_PATH } from '../playwright.config';
import { expectNoAxeViolations, useFreshIp } from './fixtures';

/** `staff create` as an operator runs it (the CLI calls lib/staff/users.ts), on the server's database. */
function createStaff(email: string, role: 'admin' | 'agent') {
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

  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not right.');

  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill(staff.one_time_password);
  await page.getByRole('button', { name: 'Sign in' }).click();

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
