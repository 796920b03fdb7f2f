import { APIRequestContext, expect, Page, test } from '@playwright/test';
import {
  api,
  canonical,
  guestToken,
  SCREENSHOTS,
  signIn,
  sumDecimals,
} from './demo';

/*
 * The figures a FinOps user checks against each other on the running demo:
 * each must agree with the others and with the API, on the page.
 */

test.describe.configure({ mode: 'serial' });

let token: string;
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  token = await guestToken(request);
  // the demo data is ingested and attributed in the background after start-up
  await expect
    .poll(
      async () =>
        (
          await api(
            request,
            token,
            '/entities/component/default/checkout-api/summary',
          ).catch(() => ({ monthToDate: 'pending' }))
        ).monthToDate,
      { timeout: 240_000, intervals: [2_000] },
    )
    .not.toMatch(/^(0|pending)$/);
});

/** The request a page makes to a route, once it is answered. */
function answer(page: Page, pattern: RegExp) {
  return page.waitForResponse(r => pattern.test(r.url()) && r.ok());
}

const dataAmount = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().getAttribute('data-amount'))!;

test("a shared database's pool equals what its consumers are billed for it", async ({
  page,
  request,
}) => {
  await signIn(page);
  const sharedAnswer = answer(page, /\/resource\/default\/orders-db\/shared\?/);
  await page.goto('/catalog/default/resource/orders-db/costs');
  const shared = await (await sharedAnswer).json();
  const panel = page.getByTestId('finops-shared-cost');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('finops-shared-total')).toHaveAttribute(
    'data-amount',
    shared.total,
  );
  const rows = panel.getByTestId('finops-shared-consumer');
  await expect(rows).toHaveCount(shared.consumers.length);
  expect(shared.consumers.length).toBeGreaterThan(1);
  // the consumers' lines add up to the pool
  const amounts = await rows.evaluateAll(els =>
    els.map(e => e.getAttribute('data-amount')!),
  );
  expect(sumDecimals(amounts)).toBe(canonical(shared.total));
  // and each is what the consumer's own resources say came from the pool
  for (const consumer of shared.consumers) {
    const [kind, rest] = consumer.entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const resources = await api(
      request,
      token,
      `/entities/${kind}/${namespace}/${name}/resources?from=${shared.from}&to=${shared.to}&limit=5000`,
    );
    const fromPool = resources.items
      .filter(
        (i: any) =>
          i.method === 'shared' &&
          i.evidence.entityRef === 'resource:default/orders-db',
      )
      .map((i: any) => i.amount);
    expect(sumDecimals(fromPool), consumer.entityRef).toBe(
      canonical(consumer.amount),
    );
  }
  await page.screenshot({
    path: `${SCREENSHOTS}/shared-resource-costs.png`,
    fullPage: true,
  });
  await page.goto('/catalog/default/resource/orders-db');
  const card = page.getByTestId('finops-card-shared');
  await expect(card).toBeVisible();
  await card.screenshot({ path: `${SCREENSHOTS}/shared-resource-card.png` });
});

test("the card's drivers and the tab's breakdown cover the same days and agree", async ({
  page,
}) => {
  await signIn(page);
  const summaryAnswer = answer(
    page,
    /\/component\/default\/checkout-api\/summary/,
  );
  await page.goto('/catalog/default/component/checkout-api');
  const summary = await (await summaryAnswer).json();
  const drivers = page.getByTestId('finops-top-drivers');
  await expect(drivers).toBeVisible();
  const from = summary.sparkline[0].date;
  await expect(drivers).toHaveAttribute('data-from', from);
  await expect(drivers).toHaveAttribute('data-to', summary.asOf);
  // one list per dimension, neither over the whole
  for (const dimension of ['service', 'resource']) {
    const shares = summary.topDrivers
      .filter((d: any) => d.dimension === dimension)
      .map((d: any) => d.share);
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBeLessThan(
      1.0001,
    );
  }
  const services = page
    .getByTestId('finops-drivers-service')
    .getByTestId('finops-driver');
  const cardServices = await services.evaluateAll(els =>
    els.map(e => [e.getAttribute('data-key'), e.getAttribute('data-amount')]),
  );
  expect(cardServices.length).toBeGreaterThan(0);

  // "View costs": the tab's default period is the card's 30 days
  const costsAnswer = answer(
    page,
    /\/component\/default\/checkout-api\/costs\?.*groupBy=service/,
  );
  await page.getByText('View costs').click();
  const costs = await (await costsAnswer).json();
  expect([costs.from, costs.to]).toEqual([from, summary.asOf]);
  const byService = Object.fromEntries(
    costs.series.map((s: any) => [s.key, s.total]),
  );
  for (const [key, amount] of cardServices)
    expect(canonical(byService[key!]), key!).toBe(canonical(amount!));
  // no default window ends after the data
  expect(costs.to <= summary.asOf).toBe(true);
});

test("a parent group's system and sub-team tables each add up to its total", async ({
  page,
}) => {
  await signIn(page);
  const teamAnswer = answer(
    page,
    /\/group\/default\/commerce\/costs\?.*groupBy=team/,
  );
  await page.goto('/catalog/default/group/commerce/costs');
  const byTeam = await (await teamAnswer).json();
  const total = await dataAmount(page, 'finops-team-total');
  expect(canonical(total)).not.toBe('0');
  await expect(page.getByTestId('finops-team-systems-total')).toHaveAttribute(
    'data-amount',
    /./,
  );
  expect(canonical(await dataAmount(page, 'finops-team-systems-total'))).toBe(
    canonical(total),
  );
  expect(canonical(await dataAmount(page, 'finops-team-subteams-total'))).toBe(
    canonical(total),
  );
  // the sub-teams are there, each by name
  const subTeams = byTeam.series
    .map((s: any) => s.key)
    .filter((k: string) => k !== 'group:default/commerce');
  expect(subTeams).toEqual(
    expect.arrayContaining([
      'group:default/checkout-team',
      'group:default/catalog-team',
    ]),
  );
  await expect(page.getByTestId('finops-team-subteams')).toContainText(
    /Checkout Team|checkout-team/,
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/team-costs-parent.png`,
    fullPage: true,
  });
});

test('a resource is one row however many lines it was billed in', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/checkout-api/costs');
  const rows = page.getByTestId('finops-resource-row');
  await expect(rows.first()).toBeVisible();
  const labels = await rows.evaluateAll(els =>
    els.map(e => e.querySelector('th strong')?.textContent ?? ''),
  );
  expect(new Set(labels).size).toBe(labels.length);
  const several = rows.filter({ hasText: /\d+ lines/ }).first();
  await several.getByRole('button', { name: /Show the \d+ lines/ }).click();
  await expect(page.getByTestId('finops-resource-line').first()).toBeVisible();
});

test('a month the data covers only in part is marked as such', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/checkout-api/costs');
  await page.getByRole('button', { name: /Granularity/ }).click();
  await page.getByRole('option', { name: 'Monthly' }).click();
  await page.getByRole('button', { name: /Period/ }).click();
  await page.getByRole('option', { name: 'Last 90 days' }).click();
  await expect(page.getByTestId('finops-partial-periods')).toContainText(
    /covers \d+ of its \d+ days/,
  );
});

test('the unit-cost trend is the same on the card and on the tab', async ({
  page,
  request,
}: {
  page: Page;
  request: APIRequestContext;
}) => {
  await signIn(page);
  const unitAnswer = answer(
    page,
    /\/component\/default\/checkout-api\/unit-cost\?/,
  );
  await page.goto('/catalog/default/component/checkout-api');
  const card = await (await unitAnswer).json();
  const cardTrend = page
    .getByTestId('finops-unit-line')
    .getByTestId('finops-unit-trend');
  await expect(cardTrend).toHaveAttribute(
    'data-direction',
    card.trend.direction,
  );
  // the tab's default period is the card's: the same trend, the same words
  const tab = await api(
    request,
    token,
    `/entities/component/default/checkout-api/unit-cost?from=${card.from}&to=${card.to}&granularity=day`,
  );
  expect(tab.trend).toEqual(card.trend);
  await page.getByText('View costs').click();
  await expect(page.getByTestId('finops-unit-trend').first()).toHaveAttribute(
    'data-direction',
    card.trend.direction,
  );
});
