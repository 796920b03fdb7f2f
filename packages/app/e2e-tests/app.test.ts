import { expect, Page, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(page.getByRole('navigation', { name: 'sidebar nav' })).toBeVisible();
}

test('a guest opens a demo component and sees the Costwise card and Costs tab', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-api');
  await expect(page.getByRole('heading', { name: /checkout-api/i }).first()).toBeVisible();
  await expect(page.getByText('Cost', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Costwise').first()).toBeVisible();

  await page.getByRole('tab', { name: 'Costs' }).click();
  await expect(page).toHaveURL(/\/costs$/);
  await expect(page.getByRole('heading', { name: 'Costs' }).first()).toBeVisible();
});
