import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID } from '@/lib/demo/demo-data';
import { E2E_DATABASE_PATH } from '../playwright.config';

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

/** A new staff member of the demo shop, signed in with their own password, on the search page. */
export async function signInNew(page: Page, role: 'admin' | 'agent') {
  const staff = createStaff(`e2e-${role}-${Date.now()}@example.com`, role);
  await page.goto('/staff/sign-in?lang=en');
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill(staff.one_time_password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff\/change-password/);
  await page.getByLabel('Current password').fill(staff.one_time_password);
  await page.getByLabel('New password', { exact: true }).fill('my own long password');
  await page.getByLabel('New password again').fill('my own long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}
