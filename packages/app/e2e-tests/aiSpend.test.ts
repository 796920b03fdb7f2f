import { expect, test } from '@playwright/test';
import { api, guestToken, SCREENSHOTS, signIn } from './demo';

/*
 * product-copy-generator spends on OpenAI and Anthropic models (its
 * costwise.dev/llm annotation maps their projects and workspaces to it): its
 * Costs tab shows the tokens and cost by model and what the same traffic
 * would cost on the other models of the price table.
 */

const ENTITY = 'component/default/product-copy-generator';

let token: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  token = await guestToken(request);
  await expect
    .poll(
      async () =>
        (
          await api(request, token, `/entities/${ENTITY}/ai-usage`).catch(
            () => ({ models: [] }),
          )
        ).models?.length ?? 0,
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBeGreaterThan(0);
});

test("an AI component's Costs tab shows its tokens and cost by model, and the what-if, as the API gives them", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const usage = await api(request, token, `/entities/${ENTITY}/ai-usage`);
  const whatIf = await api(request, token, `/entities/${ENTITY}/ai-whatif`);
  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto(`/catalog/default/component/product-copy-generator/costs`);
  const section = page.getByTestId('finops-ai-usage');
  await expect(section).toBeVisible({ timeout: 60_000 });
  await expect(section.getByTestId('finops-ai-models-total')).toHaveAttribute(
    'data-amount',
    usage.total,
  );
  // one row per model and provider (OpenAI's and Azure's gpt-4o are two)
  const shown = section.getByTestId('finops-ai-model-row');
  await expect(shown).toHaveCount(usage.models.length);
  const figures = async () =>
    (
      await shown.evaluateAll(rows =>
        rows.map(
          r =>
            `${r.getAttribute('data-model')}|${r.getAttribute(
              'data-amount',
            )}|${r.getAttribute('data-tokens')}`,
        ),
      )
    ).sort();
  expect(await figures()).toEqual(
    usage.models
      .map(
        (m: { model: string; cost: string; tokens: string }) =>
          `${m.model}|${m.cost}|${m.tokens}`,
      )
      .sort(),
  );
  const rows = section.getByTestId('finops-ai-whatif-row');
  const expected = whatIf.traffic.flatMap(
    (t: { rows: Array<{ model: string; cost: string }> }) => t.rows,
  );
  expect(expected.length).toBeGreaterThan(1);
  await expect(rows).toHaveCount(expected.length);
  for (const row of expected)
    await expect(
      section
        .locator(
          `[data-testid="finops-ai-whatif-row"][data-model="${row.model}"]`,
        )
        .first(),
    ).toHaveAttribute('data-cost', row.cost);
  await expect(
    section.getByTestId('finops-ai-whatif-date').first(),
  ).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: `${SCREENSHOTS}/ai-usage.png` });
});
