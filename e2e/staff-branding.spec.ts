import { expect, test } from '@playwright/test';
import { accessibleAccent } from '@/lib/branding/colors';
import { DEMO_ACCOUNT_ID } from '@/lib/demo/demo-data';
import { DEMO_LOOKUPS, expectNoAxeViolations, signInNew, trackUrl, useFreshIp } from './fixtures';

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

test('an admin previews an unsaved brand colour, saves it, and the tracking page wears it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await useFreshIp(page);
  await signInNew(page, 'admin');
  await page.goto('/staff/settings/branding?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Branding');
  const colorField = page.getByRole('textbox', { name: 'Primary colour', exact: true });
  const savedColor = await colorField.inputValue();
  await expectNoAxeViolations(page);

  // A light colour: the check says it fails AA and shows the darker one shoppers will see.
  const light = '#f4a6c8';
  await colorField.fill(light);
  const contrast = page.getByTestId('contrast');
  await expect(contrast).toContainText('below WCAG AA');
  await expect(contrast).toContainText(`Shoppers will see ${accessibleAccent(light)}`);

  const color = '#7a1f5c';
  await colorField.fill(color);
  await expect(contrast).toContainText('passes WCAG AA');
  // The previews follow the unsaved value: the framed order page and the widget image.
  const preview = page.frameLocator('[data-testid="page-preview"]');
  await expect(preview.locator('header')).toHaveCSS('background-color', rgb(accessibleAccent(color)));
  await expect(page.getByTestId('widget-preview')).toHaveAttribute('src', /primary_color=%237a1f5c/);
  await expect
    .poll(() =>
      page
        .getByTestId('widget-preview')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    )
    .toBe(1200);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.getByRole('status')).toHaveText(
    'Saved. The tracking page and the widget show the change now.',
  );
  await expect(colorField).toHaveValue(color);

  await page.goto(trackUrl({ account: DEMO_ACCOUNT_ID, ...DEMO_LOOKUPS.inTransit, lang: 'en' }));
  await expect(page.getByRole('banner')).toHaveCSS('background-color', rgb(accessibleAccent(color)));

  // The demo shop's colour back as it was, for the tests that follow.
  await page.goto('/staff/settings/branding?lang=en');
  await colorField.fill(savedColor);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/saved=1/);
});
