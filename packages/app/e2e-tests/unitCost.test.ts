import { APIRequestContext, expect, Page, test } from '@playwright/test';
import {
  api,
  BACKEND,
  canonical,
  guestToken,
  scaled,
  SCREENSHOTS,
  signIn,
} from './demo';

/*
 * Unit economics against the running demo: every unit cost shown must equal
 * cost ÷ (metric / per) from the API, and the benchmark must place the
 * entity among its peers. Catalog API declares `requests per 1000` and is in
 * the `tier-1-apis` cohort; its team owns the Product Catalog system.
 */

const ENTITY = 'component/default/catalog-api';
const TEAM = 'group/default/catalog-team';

/** `cost / (metric / per)` rounded half-even to 6 decimals, exactly. */
function unitCostOf(cost: string, metric: number, per: number): string {
  const c = scaled(cost);
  const m = scaled(String(metric));
  const p = scaled(String(per));
  const num = c.units * p.units * 10n ** BigInt(m.scale + 6);
  const den = m.units * 10n ** BigInt(c.scale + p.scale);
  let q = num / den;
  const r = num % den;
  const twice = 2n * (r < 0n ? -r : r);
  const d = den < 0n ? -den : den;
  if (twice > d || (twice === d && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  const negative = q < 0n;
  const digits = (negative ? -q : q).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** A Costwise API answer, asked as the guest. */
async function get(request: APIRequestContext, url: string) {
  return api(request, await guestToken(request), url);
}

/** The demo's costs and metrics are loaded in the background after start-up. */
async function waitForUnitCost(request: APIRequestContext) {
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND}/api/finops/entities/${ENTITY}/benchmark`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        if (!response.ok()) return 'pending';
        const body = await response.json();
        return (
          body.figures?.find(
            (f: { dimension: string }) => f.dimension === 'unitCost',
          )?.value ?? 'pending'
        );
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .not.toBe('pending');
}

/** Opens an MUI select by its label and picks an option. */
async function pick(page: Page, label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  await waitForUnitCost(request);
});

test('the card shows the unit cost and a percentile badge', async ({
  page,
}) => {
  await signIn(page);
  const unitResponse = page.waitForResponse(r =>
    new RegExp(`/api/finops/entities/${ENTITY}/unit-cost\\?`).test(r.url()),
  );
  await page.goto(`/catalog/default/component/catalog-api`);
  const unitCost = await (await unitResponse).json();
  const line = page.getByTestId('finops-card-unit-cost');
  await line.scrollIntoViewIfNeeded();
  await expect(line).toBeVisible();
  expect(unitCost.totals.unitCost).not.toBeNull();
  await expect(line).toHaveAttribute(
    'data-unit-cost',
    unitCost.totals.unitCost,
  );
  await expect(line).toContainText(`per ${unitCost.unitMetric.label}`);
  const badge = page.getByTestId('finops-percentile');
  await expect(badge).toBeVisible();
  await expect(badge).toContainText(/than (\d+% of |all \d+ )peers/);
  const card = page
    .locator('article, [class*="MuiCard"]')
    .filter({ has: line })
    .first();
  await card.screenshot({ path: `${SCREENSHOTS}/unit-cost-card.png` });
});

test('the Costs tab shows each month as cost ÷ metric, as the API computes it', async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.goto(`/catalog/default/component/catalog-api/costs`);
  await expect(page.getByTestId('finops-unit-cost-section')).toBeVisible();
  const monthly = page.waitForResponse(r =>
    new RegExp(
      `/api/finops/entities/${ENTITY}/unit-cost\\?.*granularity=month`,
    ).test(r.url()),
  );
  await pick(page, /Period/, 'Last 90 days');
  await pick(page, /Granularity/, 'Monthly');
  const { searchParams } = new URL((await monthly).url());
  const response = await get(
    request,
    `/entities/${ENTITY}/unit-cost?${searchParams.toString()}`,
  );
  expect(response.unitMetric).not.toBeNull();
  const per: number = response.unitMetric.per;

  const chart = page.getByTestId('finops-unit-cost-chart');
  await expect(chart.locator('.recharts-surface').first()).toBeVisible();
  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByTestId('finops-unit-cost-table');
  await expect(table.getByTestId('finops-unit-cost-row')).toHaveCount(
    response.series.length,
  );
  let withUsage = 0;
  for (const point of response.series) {
    const row = table.locator(
      `[data-testid="finops-unit-cost-row"][data-date="${point.date}"]`,
    );
    await expect(row).toHaveAttribute('data-cost', point.cost);
    const cell = row.getByTestId('finops-unit-cost-value');
    if (!point.metric) {
      expect(point.unitCost).toBeNull();
      await expect(cell).toHaveText('no usage');
      continue;
    }
    withUsage += 1;
    const expected = unitCostOf(point.cost, point.metric, per);
    expect(canonical(point.unitCost), point.date).toBe(canonical(expected));
    const shown = await row.getAttribute('data-unit-cost');
    expect(canonical(shown ?? ''), point.date).toBe(canonical(expected));
    await expect(cell).not.toHaveText('no usage');
  }
  expect(withUsage).toBeGreaterThan(0);
  await page.getByTestId('finops-unit-cost-section').screenshot({
    path: `${SCREENSHOTS}/unit-cost-tab.png`,
  });
});

test('the benchmark panel marks the entity among its peers with quartiles', async ({
  page,
  request,
}) => {
  const benchmark = await get(request, `/entities/${ENTITY}/benchmark`);
  expect(benchmark.notEnoughPeers).toBeUndefined();
  await signIn(page);
  await page.goto(`/catalog/default/component/catalog-api/costs`);
  const panel = page.getByTestId('finops-benchmark');
  await panel.scrollIntoViewIfNeeded();
  const figures = panel.getByTestId('finops-benchmark-figure');
  await expect(figures).toHaveCount(benchmark.figures.length);
  const unit = benchmark.figures.find(
    (f: { dimension: string }) => f.dimension === 'unitCost',
  );
  const shown = panel.locator('[data-dimension="unitCost"]');
  await expect(shown.getByTestId('finops-benchmark-strip')).toBeVisible();
  await expect(shown.getByTestId('finops-benchmark-entity')).toHaveAttribute(
    'data-value',
    unit.value,
  );
  await expect(shown.getByTestId('finops-benchmark-median')).toBeAttached();
  const quartiles = shown.getByTestId('finops-benchmark-quartiles');
  for (const key of ['min', 'q1', 'median', 'q3', 'max']) {
    await expect(quartiles.locator(`[data-quartile="${key}"]`)).toHaveAttribute(
      'data-value',
      String(unit[key]),
    );
  }
  await expect(shown.getByTestId('finops-benchmark-verdict')).toHaveText(
    unit.verdict,
  );
  await panel.screenshot({ path: `${SCREENSHOTS}/benchmark-panel.png` });
});

test("a team page shows its systems' unit-cost trends and its position among teams", async ({
  page,
  request,
}) => {
  const benchmark = await get(request, `/entities/${TEAM}/benchmark`);
  await signIn(page);
  await page.goto(`/catalog/default/group/catalog-team/costs`);
  const section = page.getByTestId('finops-team-unit-costs');
  await section.scrollIntoViewIfNeeded();
  const measured = section.getByTestId('finops-team-unit-cost');
  await expect(measured.first()).toBeVisible();
  await expect(measured.first()).toHaveAttribute('data-unit-cost', /\d/);
  await expect(
    section.getByTestId('finops-unit-trend').first(),
  ).toHaveAttribute('data-direction', /^(up|down|flat)$/);
  await expect(
    section.getByTestId('finops-unit-sparkline').first(),
  ).toBeVisible();

  const position = page.getByTestId('finops-team-benchmark');
  await position.scrollIntoViewIfNeeded();
  if (benchmark.notEnoughPeers) {
    await expect(
      position.getByTestId('finops-benchmark-not-enough'),
    ).toContainText(/not enough peers/i);
  } else {
    const figures = position.getByTestId('finops-benchmark-figure');
    await expect(figures).toHaveCount(benchmark.figures.length);
    for (const [i, figure] of benchmark.figures.entries()) {
      if (figure.withheld) {
        // one peer hidden from the guest: its figure must not be given away
        await expect(
          figures.nth(i).getByTestId('finops-benchmark-withheld'),
        ).toContainText(/withheld/);
        await expect(
          figures.nth(i).getByTestId('finops-benchmark-entity'),
        ).toHaveCount(0);
      } else {
        await expect(
          figures.nth(i).getByTestId('finops-benchmark-entity'),
        ).toBeAttached();
      }
    }
  }
  await page.screenshot({
    path: `${SCREENSHOTS}/team-unit-costs.png`,
    fullPage: true,
  });
});
