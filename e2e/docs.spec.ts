import { expect, test } from '@playwright/test';

// The API reference works offline: with every address but the portal's own refused, it renders
// the operations, and the page's Content-Security-Policy blocks nothing it needs.

test('the API reference renders from this origin alone, under the page CSP', async ({ page }) => {
  const elsewhere: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    elsewhere.push(url.href);
    return route.abort('blockedbyclient');
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const response = await page.goto('/docs');
  expect(response?.headers()['content-security-policy']).toContain("'strict-dynamic'");
  await expect(page.getByRole('heading', { name: /Order Status Portal API/ })).toBeVisible();

  const info = page.locator('.opblock', { hasText: '/v4/track/orders/info/' }).first();
  await expect(info).toContainText('Look up an order’s status');
  await info.locator('.opblock-summary-control').click();
  await expect(info.locator('.parameters')).toContainText('order_number');
  await expect(info.locator('.parameters')).toContainText('postal_code');
  await expect(page.locator('.opblock', { hasText: '/v4/track/events/' }).first()).toContainText(
    'Push carrier events',
  );

  expect.soft(elsewhere).toEqual([]);
  expect
    .soft(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))
    .toEqual([]);
  expect.soft(pageErrors).toEqual([]);
});
