import { expect, type Page, test } from '@playwright/test';
import {
  DEMO_LOOKUPS,
  expectNoAxeViolations,
  liveRefreshButton,
  pickupTrackingLookup,
  signedDemoLink,
  submitTrackForm,
  trackUrl,
  useFreshIp,
} from './fixtures';

test.beforeEach(async ({ page }) => useFreshIp(page));

/** After a postal code unlocked the order: a signed URL, and no postal code in it. */
async function expectSignedUrlWithoutProof(page: Page) {
  await expect(page).toHaveURL(/[?&]s=\d+\./);
  expect(new URL(page.url()).searchParams.has('postal_code')).toBe(false);
  expect(new URL(page.url()).searchParams.has('recipient_postal_code')).toBe(false);
}

test('a shopper finds the order with order number and postal code', async ({ page }) => {
  await page.goto('/?lang=en');
  await expectNoAxeViolations(page);
  await submitTrackForm(page, DEMO_LOOKUPS.inTransit);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Order ${DEMO_LOOKUPS.inTransit.order_number}`,
  );
  await expectSignedUrlWithoutProof(page);
  await expect(page.getByRole('list', { name: 'Delivery progress' })).toBeVisible();
  await expect(page.getByText('Shipment history')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/order-page-phone.png', fullPage: true });
});

test('a wrong postal code and an unknown order show the same message', async ({ page }) => {
  await page.goto(
    trackUrl({
      account: 1001,
      order_number: DEMO_LOOKUPS.inTransit.order_number,
      postal_code: '99999',
      lang: 'en',
    }),
  );
  const wrong = await page.getByRole('main').getByRole('alert').textContent();
  expect(page.url()).not.toContain('99999');
  await expectNoAxeViolations(page);
  await page.goto(trackUrl({ account: 1001, order_number: 'NL-99999', postal_code: '10115', lang: 'en' }));
  const unknown = await page.getByRole('main').getByRole('alert').textContent();
  expect(wrong).toBeTruthy();
  expect(unknown).toBe(wrong);
});

test('a signed link from a shipping email opens the full view directly', async ({ page }) => {
  await page.goto(signedDemoLink(DEMO_LOOKUPS.multiParcel.order_number, 'en'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Order ${DEMO_LOOKUPS.multiParcel.order_number}`,
  );
  await expect(page.getByText('Items').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show all details' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('an order-number link without proof asks for the postal code, then shows the order', async ({
  page,
}) => {
  await page.goto(trackUrl({ account: 1001, order_number: DEMO_LOOKUPS.delayed.order_number, lang: 'en' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm it is your order');
  await expectNoAxeViolations(page);
  await page.getByLabel('Postal code').fill(DEMO_LOOKUPS.delayed.postal_code);
  await page.getByRole('button', { name: 'Show all details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Order ${DEMO_LOOKUPS.delayed.order_number}`,
  );
  await expectSignedUrlWithoutProof(page);
  await expect(page.getByText('This parcel is later than announced.').first()).toBeVisible();
});

test('too many wrong postal codes: try again in N minutes', async ({ page }) => {
  const lookup = { account: 1001, order_number: DEMO_LOOKUPS.returned.order_number, lang: 'en' };
  for (let i = 0; i < 5; i++) await page.goto(trackUrl({ ...lookup, postal_code: `0000${i}` }));
  await page.goto(trackUrl({ ...lookup, postal_code: DEMO_LOOKUPS.returned.postal_code }));
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Too many attempts. Please try again in 30 minutes.',
  );
  await expectNoAxeViolations(page);
});

test('a limited view unlocks with the postal code', async ({ page, request }) => {
  const info = await request.get(
    `/v4/track/orders/info/?account=1001&order_number=${DEMO_LOOKUPS.pickup.order_number}&postal_code=${DEMO_LOOKUPS.pickup.postal_code}`,
  );
  const tracking = (await info.json()).trackings[0];
  await page.goto(
    trackUrl({
      tracking_number: tracking.tracking_number,
      courier: tracking.courier_info.courier,
      lang: 'en',
    }),
  );
  await expect(
    page.getByText('Enter the postal code of the delivery address to see all details'),
  ).toBeVisible();
  await expect(page.getByText('Items')).toHaveCount(0);
  // Nothing about the recipient in the HTML, including the RSC payload inlined in it.
  const order = (await info.json()) as { recipient_name: string; recipient_email: string; trackings: any[] };
  const address = order.trackings[0].shipping_address;
  const html = await page.content();
  for (const pii of [
    order.recipient_name,
    order.recipient_email,
    address.address_line,
    address.postal_code,
  ]) {
    expect(pii).toBeTruthy();
    expect(html).not.toContain(pii);
  }
  await expectNoAxeViolations(page);
  await page.getByLabel('Postal code').fill(DEMO_LOOKUPS.pickup.postal_code);
  await page.getByRole('button', { name: 'Show all details' }).click();
  await expect(page.getByText('Items').first()).toBeVisible();
  await expectSignedUrlWithoutProof(page);
});

test('switches to German and keeps the lookup', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
  // The languages sit behind a disclosure; the choice is remembered for the next visit.
  await page.getByRole('navigation', { name: 'Language' }).locator('summary').click();
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page).toHaveURL(/lang=de/);
  await expect(page).toHaveURL(new RegExp(`order_number=${DEMO_LOOKUPS.inTransit.order_number}`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Bestellung ${DEMO_LOOKUPS.inTransit.order_number}`,
  );
  await expect(page.getByText('Sendungsverlauf')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});

test('Arabic renders right to left', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'ar' }));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(DEMO_LOOKUPS.multiParcel.order_number);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('الطلب');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/order-page-phone-ar.png', fullPage: true });
});

test('a multi-parcel order shows every parcel and how many arrived', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'en' }));
  await expect(page.getByText('2 of 3 parcels delivered')).toBeVisible();
  // The parcel on its way is open; the two delivered ones are one line each until opened.
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByText(/^Parcel \d of \d: /)).toHaveCount(2);
  await expectNoAxeViolations(page);
});

test('a pickup shows the place with address and opening hours', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.pickup, lang: 'en' }));
  await expect(page.getByRole('heading', { name: 'Ready for pickup' }).first()).toBeVisible();
  const hours = page.getByRole('table', { name: 'Opening hours' });
  await expect(hours).toBeVisible();
  // All seven days: the demo shop is closed on Sundays, which must read as closed, not be missing.
  await expect(hours.getByRole('row')).toHaveCount(7);
  await expect(hours.getByRole('row').last()).toHaveText(/^Sunday\s*Closed$/);
  await expect(page.getByText(/^(Open now|Closed now)$/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.pickup, lang: 'de' }));
  await expect(page.getByRole('table', { name: 'Öffnungszeiten' }).getByRole('row').last()).toHaveText(
    /^Sonntag\s*Geschlossen$/,
  );
});

test('countries are named in the page language, not by their ISO code', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.pickup, lang: 'de' }));
  await expect(page.getByText('Markt 9, 04109 Leipzig, Deutschland').first()).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('DEU');
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.pickup, lang: 'ar' }));
  // Arabic script separates the parts with its own comma.
  await expect(page.getByText('Markt 9، 04109 Leipzig، ألمانيا').first()).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('DEU');
  await expectNoAxeViolations(page);
});

test('a delivery window shows its times like every other time on the page', async ({ page }) => {
  // Demo order NL-10005: a DPD parcel out for delivery with a 13:30–14:30 window.
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'en' }));
  await expect(page.getByText(/1:30\sPM–2:30\sPM/).first()).toBeVisible();
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'de' }));
  await expect(page.getByText(/13:30–14:30/).first()).toBeVisible();
});

test('at a pickup point, step 4 of the progress says ready for pickup, not out for delivery', async ({
  page,
}) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.pickup, lang: 'en' }));
  const progress = page.getByRole('list', { name: 'Delivery progress' }).first();
  const current = progress.locator('li[aria-current="step"]');
  await expect(current).toContainText('Step 4 of 5: Ready for pickup');
  await expect(progress).not.toContainText('Out for delivery');
  await expectNoAxeViolations(page);
});

test('the Refresh button asks the API for a live refresh', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
  const refresh = await liveRefreshButton(page);
  const request = page.waitForRequest(
    (r) => r.url().includes('/v4/track/orders/info/') && r.url().includes('live_refresh=true'),
  );
  await refresh.click();
  const sent = await request;
  expect(new URL(sent.url()).searchParams.get('order_number')).toBe(DEMO_LOOKUPS.inTransit.order_number);
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
});

test('the order page sends the privacy headers', async ({ page }) => {
  const response = await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
  const headers = response!.headers();
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

test("an unsupported language falls back to the order's language for the whole page", async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'fa' }));
  await expect(page).toHaveURL(/lang=de/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Bestellung ${DEMO_LOOKUPS.multiParcel.order_number}`,
  );
  await expect(page.getByRole('link', { name: 'Deutsch', includeHidden: true })).toHaveAttribute(
    'aria-current',
    /.+/,
  );
});

test('a malformed language falls back too, instead of failing the lookup', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'français' }));
  await expect(page).toHaveURL(/lang=de/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Bestellung ${DEMO_LOOKUPS.multiParcel.order_number}`,
  );
});

test('a language in any script falls back, on the order page and the lookup form', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: '日本語' }));
  await expect(page).toHaveURL(/lang=de/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const response = await page.goto('/?lang=日本語');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('German progress labels do not overlap on a narrow phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.multiParcel, lang: 'de' }));
  const lists = page.getByRole('list', { name: 'Zustellfortschritt' });
  await expect(lists.first()).toBeVisible();
  // The text's own extent (a Range), not the label's box: overflowing text spills past its box.
  const overlaps = await page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label] li span[aria-hidden="true"]:not(:empty)')]
      .map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { list: el.closest('ol'), text: el.textContent, rect: range.getBoundingClientRect() };
      })
      .flatMap((a, i, all) =>
        all
          .slice(i + 1)
          .filter(
            (b) =>
              a.list === b.list &&
              a.rect.left < b.rect.right - 0.5 &&
              b.rect.left < a.rect.right - 0.5 &&
              a.rect.top < b.rect.bottom - 0.5 &&
              b.rect.top < a.rect.bottom - 0.5,
          )
          .map((b) => `${a.text} / ${b.text}`),
      ),
  );
  expect(overlaps).toEqual([]);
});

test('a processed return says once, and only, that the shop has the parcel back', async ({ page }) => {
  // Demo order NL-10011 (NL-10010, the other processed return, is locked out by an earlier test).
  await page.goto(trackUrl({ account: 1001, order_number: 'NL-10011', postal_code: '40213', lang: 'en' }));
  await expect(page.getByText('The shop has received your returned parcel.')).toBeVisible();
  await expect(page.getByText(/going back to the shop/)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a cancelled label the shop replaced reads calmly, after the parcel on its way', async ({ page }) => {
  // Demo order NL-10016: a voided UPS label and its replacement, handed to UPS.
  await page.goto(trackUrl({ account: 1001, order_number: 'NL-10016', postal_code: '10001', lang: 'en' }));
  const parcels = page.getByRole('article');
  await expect(parcels).toHaveCount(1);
  await expect(parcels.first().getByRole('heading', { level: 2 })).toHaveText('Handed to the courier');
  // The replaced label is history: collapsed, and calm once opened.
  await page.getByText(/^Parcel \d of \d: /).click();
  await expect(parcels).toHaveCount(2);
  await expect(parcels.last()).toContainText('This label was cancelled and replaced by another parcel.');
  await expect(page.getByText('There is a problem with this delivery.')).toHaveCount(0);
  await expect(page.getByText('Contact the shop')).toHaveCount(0);
  await expect(page.getByText(/parcels delivered/)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a wrong postal code in the unlock form keeps the limited view and asks again, without the code in the URL', async ({
  page,
  request,
}) => {
  const lookup = await pickupTrackingLookup(request);
  await page.goto(trackUrl({ ...lookup, lang: 'en' }));
  const limitedHeading = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByLabel('Postal code').fill('99999');
  await page.getByRole('button', { name: 'Show all details' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toHaveText(
    'We could not find an order with these details. Please check the postal code.',
  );
  // The view the shopper had: the parcel, without its details, and the form asking again.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(limitedHeading!);
  await expect(page.getByRole('list', { name: 'Delivery progress' }).first()).toBeVisible();
  await expect(page.getByText('Items')).toHaveCount(0);
  await expect(page.getByLabel('Order number')).toHaveCount(0);
  expect(page.url()).not.toContain('99999');
  expect(new URL(page.url()).searchParams.has('postal_code')).toBe(false);
  await expectNoAxeViolations(page);

  // An unknown parcel reads the same: the postal code was wrong, nothing tells it apart.
  await page.goto(
    trackUrl({ tracking_number: '00340434000000000000', courier: 'dhl', postal_code: '99999', lang: 'en' }),
  );
  await expect(alert).toHaveText(
    'We could not find an order with these details. Please check the postal code.',
  );
  await expect(page.getByLabel('Order number')).toHaveCount(0);
  expect(page.url()).not.toContain('99999');

  // Asked again, the right code unlocks the full view.
  await page.goto(trackUrl({ ...lookup, lang: 'en' }));
  await page.getByLabel('Postal code').fill('99998');
  await page.getByRole('button', { name: 'Show all details' }).click();
  await expect(alert).toBeVisible();
  await page.getByLabel('Postal code').fill(DEMO_LOOKUPS.pickup.postal_code);
  await page.getByRole('button', { name: 'Show all details' }).click();
  await expect(page.getByText('Items').first()).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expectSignedUrlWithoutProof(page);
});

test('a blank postal code is named in the page language and the order number stays', async ({ page }) => {
  await page.goto('/?lang=de');
  await page.getByLabel('Bestellnummer').fill(DEMO_LOOKUPS.inTransit.order_number);
  await page.getByLabel('Postleitzahl').fill('   ');
  await page.getByRole('button', { name: 'Bestellung verfolgen' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Bitte prüfen Sie Ihre Eingabe: Postleitzahl.',
  );
  await expect(page.getByLabel('Bestellnummer')).toHaveValue(DEMO_LOOKUPS.inTransit.order_number);
  expect(new URL(page.url()).searchParams.has('postal_code')).toBe(false);
  await expectNoAxeViolations(page);
});

test('the title and description are in the page language, with the shop name', async ({ page }) => {
  await page.goto('/?lang=de');
  await expect(page).toHaveTitle('Bestellung verfolgen – Nordlicht Outfitters');
  const lookup = { account: 1001, order_number: DEMO_LOOKUPS.exception.order_number, lang: 'de' };
  // The title reads the order too; a wrong postal code must still count once towards the lockout.
  for (let i = 0; i < 4; i++) await page.goto(trackUrl({ ...lookup, postal_code: `0000${i}` }));
  await page.goto(trackUrl({ ...lookup, postal_code: DEMO_LOOKUPS.exception.postal_code }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Bestellung ${DEMO_LOOKUPS.exception.order_number}`,
  );
  await expect(page).toHaveTitle('Bestellung verfolgen – Nordlicht Outfitters');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    'Wo ist meine Bestellung? Der aktuelle Stand von Bestellung und Paketen.',
  );
});

test('Refresh says what it found, and when the courier could not be reached', async ({ page }) => {
  await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
  const status = page.getByRole('status');
  // This run has no carrier credentials: a courier that answered is played by the API's header.
  await page.route(/live_refresh=true/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'x-live-refresh': 'unchanged' } });
  });
  await (await liveRefreshButton(page)).click();
  await expect(status).toHaveText('Checked just now');

  await page.unrouteAll();

  await page.route(/live_refresh=true/, (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      body: '{"type":"client_error","errors":[]}',
    }),
  );
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(status).toHaveText('Could not reach the courier, showing the last known status.');
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the lookup form works', async ({ page }) => {
    await useFreshIp(page);
    await page.goto('/?lang=en');
    await page.getByLabel('Order number').fill(DEMO_LOOKUPS.pickup.order_number);
    await page.getByLabel('Postal code').fill(DEMO_LOOKUPS.pickup.postal_code);
    await page.getByRole('button', { name: 'Track order' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Order ${DEMO_LOOKUPS.pickup.order_number}`,
    );
    await expectSignedUrlWithoutProof(page);
  });

  test('a wrong postal code in the unlock form keeps the limited view', async ({ page, request }) => {
    await useFreshIp(page);
    const lookup = await pickupTrackingLookup(request);
    await page.goto(trackUrl({ ...lookup, lang: 'en' }));
    await page.getByLabel('Postal code').fill('99999');
    await page.getByRole('button', { name: 'Show all details' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'We could not find an order with these details. Please check the postal code.',
    );
    expect(page.url()).not.toContain('99999');
    await page.getByLabel('Postal code').fill(DEMO_LOOKUPS.pickup.postal_code);
    await page.getByRole('button', { name: 'Show all details' }).click();
    await expect(page.getByText('Items').first()).toBeVisible();
    await expectSignedUrlWithoutProof(page);
  });

  test('Refresh loads the order page again, still without the proof in the URL', async ({ page }) => {
    await useFreshIp(page);
    await page.goto(trackUrl({ account: 1001, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
    await expectSignedUrlWithoutProof(page);
    const query = (url: string) => [...new URL(url).searchParams].sort().join('&');
    const before = query(page.url());
    const reloaded = page.waitForRequest((r) => r.isNavigationRequest());
    await page.getByRole('button', { name: 'Refresh' }).click();
    expect(query((await reloaded).url())).toBe(before);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Order ${DEMO_LOOKUPS.inTransit.order_number}`,
    );
  });
});

test('the order page asks for its scripts only once its answer is on screen, then they run', async ({
  page,
}) => {
  await page.goto(signedDemoLink(DEMO_LOOKUPS.inTransit.order_number, 'en'));
  await liveRefreshButton(page);
  const { paint, scripts } = await page.evaluate(async () => ({
    // The first largest paint reported: what the page waits for.
    paint: await new Promise<number>((resolve) =>
      new PerformanceObserver((list) => resolve(list.getEntries()[0]!.startTime)).observe({
        type: 'largest-contentful-paint',
        buffered: true,
      }),
    ),
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/_next/static/') && e.name.endsWith('.js'))
      .map((e) => e.startTime),
  }));
  expect(paint).toBeGreaterThan(0);
  expect(scripts.length).toBeGreaterThan(3);
  for (const start of scripts) expect(start).toBeGreaterThanOrEqual(paint);
});
