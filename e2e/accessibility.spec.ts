import { expect, type Page, test } from '@playwright/test';
import { DEMO_LOOKUPS, signedDemoLink, useFreshIp } from './fixtures';

// WCAG 2.2 beyond what axe checks: reflow at 400 % zoom, target size, keyboard use of the language
// switcher and a visible focus.

const PAGES = {
  lookup: '/?lang=de',
  order: signedDemoLink(DEMO_LOOKUPS.multiParcel.order_number, 'de'),
  customs: signedDemoLink(DEMO_LOOKUPS.exception.order_number, 'ar'),
  signIn: '/staff/sign-in?lang=fi',
};

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 400 % zoom (320 px wide) no page scrolls sideways (1.4.10)', async ({ page }) => {
  await useFreshIp(page);
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [name, url] of Object.entries(PAGES)) {
    await page.goto(url);
    expect(await sideways(page), name).toBeLessThanOrEqual(0);
  }
});

test('every control outside running text is at least 24 × 24 px (2.5.8)', async ({ page }) => {
  await useFreshIp(page);
  for (const [name, url] of Object.entries(PAGES)) {
    await page.goto(url);
    // Open every disclosure, so the controls inside count too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('a, button, summary, input, select, textarea')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          // Not drawn, or only for screen readers until focused (the skip link).
          if (box.width <= 1 || box.height <= 1) return false;
          // A link inside a sentence is exempt (WCAG 2.5.8, inline).
          if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') return false;
          return box.width < 24 || box.height < 24;
        })
        .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`),
    );
    expect(small, name).toEqual([]);
  }
});

test('the language switcher works by keyboard alone, with a visible focus', async ({ page }) => {
  await useFreshIp(page);
  await page.goto(PAGES.order);
  const summary = page.getByRole('navigation', { name: 'Sprache' }).locator('summary');
  for (let i = 0; i < 10 && !(await summary.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(summary).toBeFocused();
  expect(await summary.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const first = page.getByRole('link', { name: 'Català' });
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ca');
});

test('a shopper finds an order by keyboard alone', async ({ page }) => {
  await useFreshIp(page);
  await page.goto('/?lang=en');
  const orderNumber = page.getByLabel('Order number');
  for (let i = 0; i < 10 && !(await orderNumber.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(orderNumber).toBeFocused();
  await page.keyboard.type(DEMO_LOOKUPS.inTransit.order_number);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Postal code')).toBeFocused();
  await page.keyboard.type(DEMO_LOOKUPS.inTransit.postal_code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Order ${DEMO_LOOKUPS.inTransit.order_number}`,
  );
});
