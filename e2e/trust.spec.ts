import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_ACCOUNT_ID, DEMO_SHOP_NAME } from '@/lib/demo/demo-data';
import { E2E_DATABASE_PATH } from '../playwright.config';
import { expectNoAxeViolations, trackUrl, useFreshIp } from './fixtures';

// The page states issue 8 added, in a real browser: asking for the shop, and a paused unlock.

/** A demo parcel no other browser test proves anything about, read from the server's database. */
function demoParcel(orderNumber: string) {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  try {
    return db
      .prepare(
        `select t.tracking_number, t.courier, t.recipient_postal_code from trackings t
         join orders o on o.id = t.order_id where o.account_id = ? and o.order_number = ?`,
      )
      .get(DEMO_ACCOUNT_ID, orderNumber) as {
      tracking_number: string;
      courier: string;
      recipient_postal_code: string;
    };
  } finally {
    db.close();
  }
}

/** The CLI, as an operator runs it, against the server's database; its one JSON object. */
function cli(...args: string[]) {
  const out = execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.mts', '--json', ...args],
    {
      env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE_PATH}`, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

test('a tracking number two shops use asks for the shop, and the choice opens that shop’s parcel', async ({
  page,
}) => {
  await useFreshIp(page);
  const parcel = demoParcel('NL-10021');
  const other = cli('accounts', 'create', '--name', 'Another shop');
  const { token } = cli('tokens', 'create', '--account', String(other.id), '--scopes', 'write');
  const pushed = await page.request.post('/v4/track/events/', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      courier: parcel.courier,
      tracking_number: parcel.tracking_number,
      event_status: 'Exception',
      exception_type: 'DeliveryPayment',
      event_timestamp: new Date().toISOString(),
    },
  });
  expect(pushed.status()).toBe(202);

  await page.goto(trackUrl({ tracking_number: parcel.tracking_number, courier: parcel.courier, lang: 'en' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which shop did you order from?');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: DEMO_SHOP_NAME }).check();
  await page.getByRole('button', { name: 'Show my parcel' }).click();
  await expect(page.getByRole('banner')).toContainText(DEMO_SHOP_NAME);
  await expect(page.getByRole('main')).toContainText(parcel.tracking_number);
  await expect(page.getByRole('main')).not.toContainText('Pay the import duties');
});

test('a locked order shows its status and says unlocking is paused', async ({ page }) => {
  await useFreshIp(page);
  const parcel = demoParcel('NL-10019');
  const lookup = { tracking_number: parcel.tracking_number, courier: parcel.courier };
  for (let i = 0; i < 5; i++) {
    const wrong = await page.request.get(
      `/v4/track/orders/info/?${new URLSearchParams({ ...lookup, postal_code: `0000${i}` })}`,
      { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } },
    );
    expect(wrong.status()).toBe(404);
  }
  await page.goto(trackUrl({ ...lookup, postal_code: parcel.recipient_postal_code, lang: 'en' }));
  await expect(
    page.getByRole('status').filter({ hasText: 'unlocking is paused for 30 minutes' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Delivery progress' }).first()).toBeVisible();
  await expect(page.getByLabel('Postal code')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
