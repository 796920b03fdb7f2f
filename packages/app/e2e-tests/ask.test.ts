import { expect, test } from '@playwright/test';
import { BACKEND, guestToken, SCREENSHOTS, signIn } from './demo';

/*
 * The guest asks on checkout-api's Costs tab why its costs spiked; the demo
 * data holds a Lambda retry storm on a recent Thursday. The page must say
 * what the API answers: the day, the amount and what drove it.
 */

const QUESTION = "Why did checkout's costs spike?";
const ENTITY = 'component:default/checkout-api';

test("asking why checkout's costs spiked names the day, the amount and the driver the API gives", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const token = await guestToken(request);
  let expected: any;
  // the answer needs the demo's cost attributed
  await expect
    .poll(
      async () => {
        const response = await request.post(`${BACKEND}/api/finops/ask`, {
          headers: { Authorization: `Bearer ${token}` },
          data: { question: QUESTION, entityRef: ENTITY },
        });
        if (!response.ok()) return false;
        expected = await response.json();
        return expected.supported && expected.breakdown.length > 0;
      },
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe(true);
  // the spike's day is the demo's Thursday
  expect(new Date(`${expected.period.from}T00:00:00Z`).getUTCDay()).toBe(4);

  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto('/catalog/default/component/checkout-api/costs');
  const box = page.getByTestId('finops-ask');
  await expect(box).toBeVisible({ timeout: 60_000 });
  await box
    .getByTestId('finops-ask-input')
    .locator('input, textarea')
    .first()
    .fill(QUESTION);
  await box.getByTestId('finops-ask-submit').click();
  const answer = box.getByTestId('finops-ask-answer');
  await expect(answer).toHaveAttribute('data-supported', 'true', {
    timeout: 60_000,
  });
  await expect(answer).toHaveAttribute('data-intent', expected.intent);
  await expect(answer).toContainText(expected.answer);
  for (const figure of expected.figures)
    await expect(
      answer
        .locator(
          `[data-testid="finops-ask-figure"][data-label="${figure.label}"]`,
        )
        .first(),
    ).toHaveAttribute('data-amount', figure.amount);
  // the largest driver, as the API ranks it
  const driver = expected.breakdown[0];
  await expect(
    answer.locator('[data-testid="finops-ask-breakdown-row"]').first(),
  ).toHaveAttribute('data-label', driver.label);
  await expect(
    answer.locator('[data-testid="finops-ask-breakdown-row"]').first(),
  ).toHaveAttribute('data-amount', driver.amount);
  await box.screenshot({ path: `${SCREENSHOTS}/ask.png` });
});
