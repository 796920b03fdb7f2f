import { expect, test } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from './adminToken';
import { api, BACKEND, guestToken, SCREENSHOTS, signIn } from './demo';

/*
 * The FinOps page and a team's scorecard on the demo: the figures the API
 * computes, the admin-only parts hidden from the guest, and a target an
 * admin changes turning a KPI's status.
 */

test.describe.configure({ mode: 'serial' });

let token: string;
const ADMIN = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  token = await guestToken(request);
  // the KPIs are computed after the demo's cost is attributed
  await expect
    .poll(
      async () => {
        const kpis = await api(request, token, '/governance/kpis').catch(
          () => undefined,
        );
        return kpis?.organization?.find(
          (k: any) => k.id === 'attribution-coverage',
        )?.value;
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
});

test.afterAll(async ({ request }) => {
  await request.put(`${BACKEND}/api/finops/governance/targets`, {
    headers: ADMIN,
    data: { kpi: 'attribution-coverage', target: null },
  });
});

test('the FinOps page shows the KPIs the API computes, with targets, and hides what is for admins', async ({
  page,
  request,
}) => {
  const kpis = await api(request, token, '/governance/kpis');
  await signIn(page);
  await page.goto('/finops');
  const rows = page.getByTestId('finops-kpi-row');
  await expect(rows).toHaveCount(kpis.organization.length);
  let measured = 0;
  for (const kpi of kpis.organization) {
    const row = page.locator(
      `[data-testid="finops-kpi-row"][data-kpi="${kpi.id}"]`,
    );
    await expect(row).toHaveAttribute('data-status', kpi.status);
    await expect(row).toHaveAttribute(
      'data-value',
      kpi.value === null ? '' : String(kpi.value),
    );
    if (kpi.target !== null)
      await expect(row).toHaveAttribute('data-target', String(kpi.target));
    if (kpi.value !== null) measured++;
    else await expect(row).toContainText(/not measured/i);
  }
  // coverage, explicit coverage, recommendations, time to action, commitments
  expect(measured).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('finops-leaderboard-row')).toHaveCount(
    kpis.teams.length,
  );
  // the guest is not on the FinOps team: no target editing, no spend
  await expect(page.getByTestId('finops-kpi-edit')).toHaveCount(0);
  await expect(page.getByTestId('finops-spend-by-provider')).toHaveCount(0);
  await expect(page.getByTestId('finops-coverage-worklist')).toHaveCount(0);
  await page.screenshot({
    path: `${SCREENSHOTS}/finops-page.png`,
    fullPage: true,
  });
});

test("a team's scorecard on its Costs tab equals the API's", async ({
  page,
  request,
}) => {
  const card = await api(
    request,
    token,
    '/entities/group/default/checkout-team/scorecard',
  );
  await signIn(page);
  await page.goto('/catalog/default/group/checkout-team/costs');
  const scorecard = page.getByTestId('finops-team-scorecard');
  await scorecard.scrollIntoViewIfNeeded();
  await expect(scorecard).toBeVisible();
  for (const kpi of card.kpis) {
    const row = scorecard.locator(
      `[data-testid="finops-scorecard-kpi"][data-kpi="${kpi.id}"]`,
    );
    await expect(row).toHaveAttribute('data-status', kpi.status);
    await expect(row).toHaveAttribute(
      'data-value',
      kpi.value === null ? '' : String(kpi.value),
    );
  }
  // every KPI's name and every header is broken between words, never inside one
  const broken = await scorecard.evaluate(root => {
    const split: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('th')) continue;
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        if (range.getClientRects().length > 1) split.push(match[0]);
      }
    }
    return split;
  });
  expect(broken).toEqual([]);
  await scorecard.screenshot({ path: `${SCREENSHOTS}/team-scorecard.png` });
});

test("an admin's new target changes the KPI's status on the page", async ({
  page,
  request,
}) => {
  const before = (
    await api(request, token, '/governance/kpis')
  ).organization.find((k: any) => k.id === 'attribution-coverage');
  // met now: a target of 100% puts it within a tenth (at risk) or beyond
  // (missed); not met: a target of 50% is met
  let target = 0.5;
  let expected = 'met';
  if (before.status === 'met') {
    target = 1;
    expected = before.value >= 0.9 ? 'at-risk' : 'missed';
  }
  const refused = await request.put(
    `${BACKEND}/api/finops/governance/targets`,
    {
      headers: { Authorization: `Bearer ${token}` },
      data: { kpi: 'attribution-coverage', target },
    },
  );
  expect(refused.status()).toBe(403);
  const set = await request.put(`${BACKEND}/api/finops/governance/targets`, {
    headers: ADMIN,
    data: { kpi: 'attribution-coverage', target },
  });
  expect(set.status(), await set.text()).toBe(200);
  expect(await set.json()).toEqual(
    expect.objectContaining({ target, updatedBy: 'costwise-e2e' }),
  );
  await signIn(page);
  await page.goto('/finops');
  const row = page.locator(
    '[data-testid="finops-kpi-row"][data-kpi="attribution-coverage"]',
  );
  await expect(row).toHaveAttribute('data-target', String(target));
  await expect(row).toHaveAttribute('data-status', expected);
});
