import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_LOOKUPS } from '@/lib/demo/demo-data';
import { expectNoAxeViolations, signInNew, submitSignIn, useFreshIp } from './fixtures';

test('an admin creates a token (its secret shown once), revokes it, invites a colleague and reads the audit log; axe on every settings page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await useFreshIp(page);
  await signInNew(page, 'admin');

  await page.goto('/staff/settings?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  // API tokens: the secret once, then only its prefix.
  await settingsNav.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API tokens');
  await expectNoAxeViolations(page);
  await page.getByLabel('Name').fill('E2E helpdesk');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('status').first()).toContainText('it is shown only this once');
  const secretField = page.getByLabel('New token');
  await expect(secretField).toHaveValue(/^osp_/);
  const token = await secretField.inputValue();
  await expectNoAxeViolations(page);

  const lookup = `/v4/track/orders/info/?account=${DEMO_ACCOUNT_ID}&order_number=${DEMO_LOOKUPS.inTransit.order_number}`;
  const auth = { Authorization: `Bearer ${token}` };
  expect((await page.request.get(lookup, { headers: auth })).status()).toBe(200);

  await page.reload();
  await expect(page.getByLabel('New token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  const row = page.getByRole('row').filter({ hasText: 'E2E helpdesk' });
  await expect(row).toContainText(token.slice(0, 10));
  await row.getByText('Revoke…').click();
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: /^Revoke token/ }).click();
  await expect(page.getByRole('status')).toHaveText('The token was revoked. The API refuses it from now on.');
  await expect(page.getByRole('row').filter({ hasText: 'E2E helpdesk' })).toContainText('Revoked');
  expect((await page.request.get(lookup, { headers: auth })).status()).toBe(401);

  // Links & access: nothing is changed here (other tests sign links with the demo secret).
  await settingsNav.getByRole('link', { name: 'Links & access' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Links & access');
  await page.getByText('Rotate the link secret…').click();
  await expect(page.getByRole('button', { name: 'Rotate now' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Order number: without proof' })).toHaveValue('verify');
  await expectNoAxeViolations(page);

  // Staff users: an invitation with a one-time password.
  await settingsNav.getByRole('link', { name: 'Staff users' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff users');
  await expectNoAxeViolations(page);
  const email = `e2e-invited-${Date.now()}@example.com`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name (optional)').fill('Invited Agent');
  await page.getByLabel('Role', { exact: true }).selectOption('agent');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('status').first()).toContainText(`${email} was invited`);
  await expect(page.getByLabel('One-time password')).toHaveValue(/^[\w-]{20}$/);
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText(
    'Has not chosen a password yet',
  );
  await expectNoAxeViolations(page);

  // The audit log: who did what, newest first.
  await settingsNav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  const entries = page.getByRole('region', { name: 'Changes, newest first' }).getByRole('row');
  await expect(entries.nth(1)).toContainText('Invited a user as Agent');
  await expect(entries.nth(1)).toContainText(email);
  await expect(entries.nth(2)).toContainText('Revoked the API token “E2E helpdesk”');
  await expect(entries.nth(3)).toContainText('Created an API token “E2E helpdesk” with scopes read');
  await expectNoAxeViolations(page);

  await settingsNav.getByRole('link', { name: 'Two-factor sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-factor sign-in');
  await expectNoAxeViolations(page);
});

test('an agent gets the admins-only page for every settings page', async ({ page }) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  await signInNew(page, 'agent');
  for (const path of ['tokens', 'access', 'users', 'audit']) {
    await page.goto(`/staff/settings/${path}?lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Admins only');
  }
  await expectNoAxeViolations(page);
});

test('an admin turns on two-factor sign-in with a code from the setup key; the next sign-in asks for one, refuses a wrong one and takes the right one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  const admin = await signInNew(page, 'admin');

  await page.goto('/staff/settings/two-factor?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-factor sign-in');
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const uri = await page.getByText(/^otpauth:\/\//).textContent();
  const secret = new URL(uri!).searchParams.get('secret')!;
  await expect(page.getByText(secret, { exact: true })).toBeVisible();
  // What an authenticator app computes from the key (as lib/access/staff-auth.test.ts does).
  const otp = createOTP(base32.decode(secret));
  await page.getByLabel('Code', { exact: true }).fill(await otp.totp());
  await page.getByRole('button', { name: 'Confirm code' }).click();
  // Still signed in (turning it on replaced the session) and told so, on reload too.
  await expect(page).toHaveURL(/\/staff\/settings\/two-factor$/);
  await expect(page.getByRole('main')).toContainText('Two-factor sign-in is on for your user.');
  await page.reload();
  await expect(page.getByRole('main')).toContainText('Two-factor sign-in is on for your user.');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?notice=signed_out/);
  await submitSignIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/staff\/sign-in\/two-factor$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-factor code');
  // No session before the code: the portal still sends the user to sign in.
  await expectNoAxeViolations(page);

  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\/two-factor\?error=invalid/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'That code is not right, or it has expired. Sign in again if it keeps failing.',
  );

  // The next period's code: the one that confirmed the key may not be used twice.
  await page.getByLabel('Code', { exact: true }).fill(await otp.hotp(Math.floor(Date.now() / 30_000) + 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('banner')).toContainText('Signed in as Erika Admin');
});
