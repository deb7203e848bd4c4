import { expect, type Page, test } from '@playwright/test';
import {
  DEMO_LOOKUPS,
  expectNoAxeViolations,
  pickupTrackingLookup,
  signedDemoLink,
  trackUrl,
  useFreshIp,
} from './fixtures';

// Issue 12, round two of the shopper page, tried as a shopper on a small phone: the answer first.
// Signed links open the full view whatever lockouts other tests left on an order.

test.use({ viewport: { width: 360, height: 740 } });
test.beforeEach(async ({ page }) => useFreshIp(page));

const answer = (page: Page) => page.locator('section[aria-labelledby="order-answer"]');

/** The headline sits entirely within the first screen. */
async function expectAboveTheFold(page: Page) {
  const box = await answer(page).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(740);
}

const ORDERS: { order: string; headline: RegExp }[] = [
  { order: DEMO_LOOKUPS.inTransit.order_number, headline: /^Arriving tomorrow, 10:00\sAM–2:00\sPM$/ },
  { order: DEMO_LOOKUPS.pickup.order_number, headline: /^Ready for pickup until \w+day, \w+ \d+$/ },
  { order: DEMO_LOOKUPS.multiParcel.order_number, headline: /^Arriving today, 1:30\sPM–2:30\sPM$/ },
  { order: DEMO_LOOKUPS.delayed.order_number, headline: /^Later than announced$/ },
  { order: DEMO_LOOKUPS.exception.order_number, headline: /^Action needed: Pay the import duties$/ },
  { order: DEMO_LOOKUPS.returned.order_number, headline: /^The shop has processed your refund$/ },
  { order: 'NL-10002', headline: /^The shop is preparing your order$/ },
  { order: 'NL-10003', headline: /^The shop is preparing your order$/ },
  { order: 'NL-10011', headline: /^The shop has received your return$/ },
  { order: 'NL-10012', headline: /^Held until \w+day, \w+ \d+$/ },
  { order: 'NL-10014', headline: /^Delivered to your mailbox$/ },
  { order: 'NL-10017', headline: /^Action needed: Contact the courier$/ },
];

// The README's first screens; `UPDATE_DOCS_SCREENSHOTS=1` writes them into docs/.
const SCREENSHOTS: Record<string, string> = {
  [DEMO_LOOKUPS.exception.order_number]: 'shopper-customs.png',
  [DEMO_LOOKUPS.pickup.order_number]: 'shopper-pickup.png',
  [DEMO_LOOKUPS.multiParcel.order_number]: 'shopper-multi-parcel.png',
  'NL-10011': 'shopper-return.png',
};

for (const { order, headline } of ORDERS) {
  test(`${order}: the answer is above the fold on a 360 px phone`, async ({ page }) => {
    await page.goto(signedDemoLink(order, 'en'));
    await expect(answer(page).getByRole('heading', { level: 2 })).toHaveText(headline);
    await expectAboveTheFold(page);
    await expectNoAxeViolations(page);
    const name = SCREENSHOTS[order];
    if (name) {
      await page.screenshot({
        path: `${process.env.UPDATE_DOCS_SCREENSHOTS ? 'docs' : 'test-results'}/${name}`,
      });
    }
  });
}

test('the answer is above the fold in German and Arabic too', async ({ page }) => {
  for (const lang of ['de', 'ar']) {
    await page.goto(signedDemoLink(DEMO_LOOKUPS.multiParcel.order_number, lang));
    await expect(answer(page)).toBeVisible();
    await expectAboveTheFold(page);
  }
  await expect(answer(page).getByRole('heading', { level: 2 })).toContainText('يصل اليوم');
  await expectNoAxeViolations(page);
});

test('pickup: one notice, where and until when, and directions without a map', async ({ page }) => {
  await page.goto(signedDemoLink(DEMO_LOOKUPS.pickup.order_number, 'en'));
  await expect(answer(page)).toContainText('At DHL Paketshop – Kiosk am Markt');
  const directions = answer(page).getByRole('link', { name: 'Directions to DHL Paketshop – Kiosk am Markt' });
  const href = new URL((await directions.getAttribute('href'))!);
  expect(href.origin).toBe('https://www.google.com');
  expect(href.searchParams.get('query')).toContain('Markt 9, 04109 Leipzig');
  // The parcel waits at the point: it is not "later than announced", and the status is said once.
  await expect(page.getByText(/later than announced/i)).toHaveCount(0);
  await expect(page.getByText('Your parcel is waiting for you at a pickup point.')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('pickup in the limited view: no street and no postal code, not even in the directions', async ({
  page,
  request,
}) => {
  const lookup = await pickupTrackingLookup(request);
  await page.goto(trackUrl({ ...lookup, lang: 'en' }));
  await expect(answer(page).getByRole('heading', { level: 2 })).toHaveText(/^Ready for pickup until/);
  const href = await answer(page).getByRole('link').getAttribute('href');
  expect(decodeURIComponent(href!)).toContain('Kiosk am Markt, Leipzig');
  expect(decodeURIComponent(href!)).not.toContain('Markt 9');
  expect(await page.content()).not.toContain('04109');
});

test('customs: one notice, not four', async ({ page }) => {
  await page.goto(signedDemoLink(DEMO_LOOKUPS.exception.order_number, 'en'));
  const parcel = page.getByRole('article');
  await expect(parcel.getByRole('heading', { name: 'Pay the import duties' })).toBeVisible();
  await expect(page.getByText(/later than announced/i)).toHaveCount(0);
  await expect(page.getByText('There is a problem with this delivery.')).toHaveCount(0);
  // The reason is given once, in the box; no subtitle above it repeats it.
  await expect(parcel.getByText(/Customs needs duties/)).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('a multi-parcel order lists the parcel arriving today first, the delivered ones collapsed', async ({
  page,
}) => {
  await page.goto(signedDemoLink(DEMO_LOOKUPS.multiParcel.order_number, 'en'));
  await expect(page.getByText('2 of 3 parcels delivered')).toBeVisible();
  const open = page.getByRole('article');
  await expect(open).toHaveCount(1);
  await expect(open.getByRole('heading', { level: 2 })).toHaveText('Out for delivery');
  const collapsed = page.getByText(/^Parcel \d of \d: /);
  await expect(collapsed).toHaveText([
    'Parcel 2 of 3: Delivered',
    'Parcel 3 of 3: Delivered to your neighbour',
  ]);
  // Order on the page: the answer, the open parcel, then the collapsed ones.
  const tops = await Promise.all(
    [answer(page), open, collapsed.first()].map(async (l) => (await l.boundingBox())!.y),
  );
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
  await collapsed.last().click();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('article').last()).toContainText('Delivered');
  await expectNoAxeViolations(page);
});

test("a shopper's return has its own progress and does not count as a delivered parcel", async ({ page }) => {
  // NL-10011: trousers delivered, one pair sent back with the return label and received by the shop.
  await page.goto(signedDemoLink('NL-10011', 'en'));
  const progress = page.getByRole('list', { name: 'Return progress' });
  await expect(progress).toHaveCount(1);
  await expect(progress.locator('li[aria-current="step"]')).toContainText(
    'Step 4 of 4: Received by the shop',
  );
  await expect(progress).not.toContainText('Out for delivery');
  await expect(page.getByText(/parcels delivered/)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a parcel sent back shows its way back and the refund, not "Out for delivery"', async ({ page }) => {
  // NL-10010: back at the shop, and the shop has reported the refund.
  await page.goto(signedDemoLink(DEMO_LOOKUPS.returned.order_number, 'en'));
  await expect(page.getByRole('list', { name: 'Delivery progress' })).toHaveCount(0);
  const progress = page.getByRole('list', { name: 'Return progress' });
  await expect(progress).toContainText('Received by the shop');
  await expect(progress.locator('li[aria-current="step"]')).toContainText('Step 5 of 5: Refund processed');
  await expect(page.getByRole('article')).toContainText(/Refund processed on \w+day, \w+ \d+/);
  await expectNoAxeViolations(page);
});

test('before shipping: one clear state with the announced date', async ({ page }) => {
  // NL-10002: the label exists, DHL has reported nothing yet.
  await page.goto(signedDemoLink('NL-10002', 'en'));
  await expect(answer(page)).toContainText(/Expected on \w+day, \w+ \d+/);
  const parcel = page.getByRole('article');
  await expect(parcel.getByRole('heading', { level: 2 })).toHaveText('Being prepared for shipping');
  await expect(page.getByText('Awaiting shipment details')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Track at DHL' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Change delivery' })).toHaveCount(0);
  await expect(parcel.getByText('The shop is preparing your order for shipping.')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('an order without a parcel yet shows its items', async ({ page }) => {
  // NL-10003: ordered 45 minutes ago, nothing shipped.
  await page.goto(signedDemoLink('NL-10003', 'en'));
  await expect(page.getByRole('heading', { name: 'Items' })).toBeVisible();
  await expect(page.getByText('Merino 200 Base Layer Top')).toBeVisible();
  await expect(page.getByText('Quantity: 2')).toBeVisible();
  await expectNoAxeViolations(page);
});
