import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { DEMO_LOOKUPS, expectNoAxeViolations, signedDemoLink, signInNew, useFreshIp } from './fixtures';

// The order page and the staff search in languages of every script and direction the portal
// speaks: each in its own language and direction, without horizontal scrolling on a phone, and
// without an axe violation.
const LANGUAGES = ['de', 'ar', 'he', 'ja', 'zh-TW', 'ru'] as const;
const RIGHT_TO_LEFT = new Set<string>(['ar', 'he']);
// Kept beside the README's screenshots; `UPDATE_DOCS_SCREENSHOTS=1` writes them into docs/.
const SCREENSHOTS = new Set<string>(['ar', 'ja']);

const messagesOf = (lang: string) =>
  JSON.parse(readFileSync(`messages/${lang}.json`, 'utf8')) as {
    page: { orderHeading: string };
    staff: { searchHeading: string };
  };

async function expectLanguage(page: Page, lang: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal scrolling').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
}

for (const lang of LANGUAGES) {
  test(`the order page in ${lang}`, async ({ page }) => {
    await useFreshIp(page);
    const orderNumber = DEMO_LOOKUPS.multiParcel.order_number;
    await page.goto(signedDemoLink(orderNumber, lang));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      messagesOf(lang).page.orderHeading.replace('{number}', orderNumber),
    );
    await expectLanguage(page, lang);
    if (SCREENSHOTS.has(lang)) {
      await page.screenshot({
        path: `${process.env.UPDATE_DOCS_SCREENSHOTS ? 'docs' : 'test-results'}/shopper-${lang}.png`,
      });
    }
  });
}

test('the staff search in each language', async ({ page }) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  await signInNew(page, 'agent');
  for (const lang of LANGUAGES) {
    await page.goto(`/staff?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messagesOf(lang).staff.searchHeading);
    await expectLanguage(page, lang);
  }
});
