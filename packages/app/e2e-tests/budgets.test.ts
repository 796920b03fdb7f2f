import { expect, test } from '@playwright/test';
import { api, guestToken, SCREENSHOTS, signIn } from './demo';

/*
 * The demo gives checkout-api a monthly budget (its costwise.dev/budget
 * annotation) and a few other entities budgets that are at risk or over.
 */

let token: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  token = await guestToken(request);
  await expect
    .poll(
      async () =>
        (
          await api(
            request,
            token,
            '/entities/component/default/checkout-api/budget',
          ).catch(() => ({}))
        ).current?.spent !== undefined,
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe(true);
});

test("checkout-api's Costs tab and card show its budget as the API computes it", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const budget = await api(
    request,
    token,
    '/entities/component/default/checkout-api/budget',
  );
  const status = budget.current;
  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto('/catalog/default/component/checkout-api/costs');
  const panel = page.getByTestId('finops-budget');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('finops-budget-status')).toHaveAttribute(
    'data-status',
    status.status,
  );
  await expect(panel.getByTestId('finops-budget-spent')).toHaveAttribute(
    'data-amount',
    status.spent,
  );
  await expect(panel.getByTestId('finops-budget-forecast')).toHaveAttribute(
    'data-amount',
    status.forecast.amount,
  );
  await expect(panel.getByTestId('finops-budget-days-left')).toContainText(
    String(status.daysLeft),
  );
  // the budget's daily pace is drawn on the cost chart
  await expect(page.getByTestId('finops-chart-budget')).toContainText(
    'budget pace',
  );
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENSHOTS}/budget.png` });

  await page.goto('/catalog/default/component/checkout-api');
  await expect(page.getByTestId('finops-card-budget')).toHaveAttribute(
    'data-status',
    status.status,
  );
});

test('the FinOps page lists the budgets with their adherence', async ({
  page,
  request,
}) => {
  const all = await api(request, token, '/budgets');
  expect(all.items.length).toBeGreaterThan(0);
  await signIn(page);
  await page.goto('/finops');
  const adherence = page
    .getByTestId('finops-budgets')
    .getByTestId('finops-budget-adherence');
  await expect(adherence).toHaveAttribute(
    'data-total',
    String(all.adherence.total),
    { timeout: 60_000 },
  );
  await expect(adherence).toHaveAttribute(
    'data-on-track',
    String(all.adherence.onTrack),
  );
  // every status the demo's budgets are in is shown
  for (const item of all.items)
    await expect(
      page.locator(
        `[data-testid="finops-budget-row"][data-entity="${item.budget.entityRef}"]`,
      ),
    ).toHaveAttribute('data-status', item.status);
});
