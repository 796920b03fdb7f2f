import { expect, test } from '@playwright/test';
import { signIn } from './demo';

test('a guest opens a demo component and sees the Costwise card and Costs tab', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/checkout-api');
  await expect(
    page.getByRole('heading', { name: 'Checkout API' }).first(),
  ).toBeVisible();

  const card = page
    .locator('article, [class*="MuiCard"]')
    .filter({ hasText: 'Costwise' })
    .first();
  await card.scrollIntoViewIfNeeded();
  await expect(card).toBeVisible();
  await expect(card.getByText('Cost', { exact: true })).toBeVisible();

  const costsTab = page
    .getByRole('tab', { name: 'Costs' })
    .or(page.getByRole('link', { name: 'Costs', exact: true }));
  await costsTab.first().click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-api\/costs$/,
  );
  await expect(
    page.getByRole('heading', { name: 'Costs', exact: true }).first(),
  ).toBeVisible();
});
