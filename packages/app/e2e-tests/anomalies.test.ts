import { expect, test } from '@playwright/test';
import { api, guestToken, SCREENSHOTS, signIn } from './demo';

/*
 * The demo's data holds a one-day spike of checkout-api's Lambda function
 * (a retry storm on a recent Thursday). The backend detects it after the
 * first attribution run, explains it, and tells the checkout team, of which
 * the guest is a member.
 */

const ENTITY = 'component/default/checkout-api';

type Cause = { dimension: string; value: string; contribution: string };
type Anomaly = {
  id: string;
  day: string;
  impact: string;
  expected: string;
  actual: string;
  status: string;
  rootCauses: Cause[];
};

let token: string;
let spike: Anomaly;

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const list = await api(
          request,
          token,
          `/entities/${ENTITY}/anomalies`,
        ).catch(() => ({ items: [] }));
        spike = list.items.find((a: Anomaly) =>
          a.rootCauses.some(
            c => c.dimension === 'service' && c.value === 'AWS Lambda',
          ),
        );
        return Boolean(spike);
      },
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe(true);
});

const largest = (causes: Cause[], dimension: string) =>
  causes
    .filter(c => c.dimension === dimension)
    .sort((a, b) => Number(b.contribution) - Number(a.contribution))[0];

test("the spike is marked on checkout-api's cost chart and explained by its root cause", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // the day the demo made it: a Thursday
  expect(new Date(`${spike.day}T00:00:00Z`).getUTCDay()).toBe(4);
  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto('/catalog/default/component/checkout-api/costs');
  const mark = page.locator(
    `[data-testid="finops-chart-anomaly"][data-day="${spike.day}"]`,
  );
  await expect(mark).toBeVisible({ timeout: 60_000 });
  await mark.click();
  const dialog = page.getByTestId('finops-anomaly-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('data-id', spike.id);
  await expect(dialog.getByTestId('finops-anomaly-impact')).toHaveAttribute(
    'data-amount',
    spike.impact,
  );
  await expect(dialog.getByTestId('finops-anomaly-actual')).toHaveAttribute(
    'data-amount',
    spike.actual,
  );
  // the service that moved, with the contribution the API gives
  const service = largest(spike.rootCauses, 'service');
  expect(service.value).toBe('AWS Lambda');
  const row = dialog.locator(
    `[data-testid="finops-anomaly-cause"][data-dimension="service"][data-value="AWS Lambda"]`,
  );
  await expect(row).toHaveAttribute('data-contribution', service.contribution);
  await expect(dialog.getByTestId('finops-anomaly-explanation')).toContainText(
    'Lambda',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/anomaly.png` });
  // the same anomaly is listed in the section below the chart
  await page.keyboard.press('Escape');
  const listed = page.locator(
    `[data-testid="finops-anomaly"][data-id="${spike.id}"]`,
  );
  await expect(listed).toHaveAttribute('data-impact', spike.impact);
});

test('the checkout team was told: the notification links to the explained anomaly', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto('/notifications');
  const notice = page.getByText(/Cost anomaly: .*checkout-api/).first();
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/anomaly-notification.png` });
  await notice.click();
  await expect(page).toHaveURL(/\/costs\?anomaly=anom_/);
  await expect(page.getByTestId('finops-anomaly-dialog')).toBeVisible({
    timeout: 60_000,
  });
});
