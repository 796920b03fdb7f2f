import { APIRequestContext, expect, test } from '@playwright/test';
import {
  api,
  BACKEND,
  canonical,
  guestToken,
  SCREENSHOTS,
  signIn,
  sumDecimals,
} from './demo';

/*
 * The cost views against the running demo: figures on the pages must equal
 * what the API answers, and a team's total must equal the sum of its members.
 */

/** The demo data is ingested and attributed in the background after start-up. */
async function waitForAttribution(request: APIRequestContext, token: string) {
  await expect
    .poll(
      async () => {
        // the backend may still be starting (or restarting) and drop the connection
        const response = await request
          .get(
            `${BACKEND}/api/finops/entities/component/default/checkout-api/summary`,
            {
              headers: { Authorization: `Bearer ${token}` },
            },
          )
          .catch(() => undefined);
        return response?.ok() ? (await response.json()).monthToDate : 'pending';
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .not.toMatch(/^(0|pending)$/);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  await waitForAttribution(request, await guestToken(request));
});

test('the component card shows the month to date the API computes', async ({
  page,
  request,
}) => {
  const summary = await api(
    request,
    await guestToken(request),
    '/entities/component/default/checkout-api/summary',
  );
  await signIn(page);
  await page.goto('/catalog/default/component/checkout-api');
  const mtd = page.getByTestId('finops-mtd');
  await mtd.scrollIntoViewIfNeeded();
  await expect(mtd).toBeVisible();
  expect(canonical(summary.monthToDate)).not.toBe('0');
  await expect(mtd).toHaveAttribute('data-amount', summary.monthToDate);
  await expect(page.getByTestId('finops-confidence')).toBeVisible();
  const card = page
    .locator('article, [class*="MuiCard"]')
    .filter({ has: mtd })
    .first();
  await card.screenshot({ path: `${SCREENSHOTS}/entity-cost-card.png` });
});

test('the Costs tab chart renders, its total equals the API, and the evidence names the annotation', async ({
  page,
}) => {
  await signIn(page);
  const costsResponse = page.waitForResponse(r =>
    /\/api\/finops\/entities\/component\/default\/checkout-api\/costs\?/.test(
      r.url(),
    ),
  );
  await page.goto('/catalog/default/component/checkout-api/costs');
  const costs = await (await costsResponse).json();
  expect(canonical(costs.total)).not.toBe('0');
  await expect(page.getByTestId('finops-total')).toHaveAttribute(
    'data-amount',
    costs.total,
  );
  await expect(
    page.getByTestId('finops-cost-chart').locator('.recharts-surface').first(),
  ).toBeVisible();
  await expect(page.getByTestId('finops-resources')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-costs-tab.png`,
    fullPage: true,
  });

  await page
    .getByRole('button', { name: /Why is .* ours\?/ })
    .first()
    .click();
  const evidence = page.getByTestId('finops-evidence');
  await expect(evidence).toBeVisible();
  await expect(evidence).toContainText(
    /costwise\.dev\/|backstage\.io\/kubernetes/,
  );
  await page.keyboard.press('Escape');
});

test('a team page shows a total equal to the sum of its members', async ({
  page,
  request,
}) => {
  const token = await guestToken(request);
  await signIn(page);
  // the breakdown by member: each member's own total, asked apart, adds up
  const costsResponse = page.waitForResponse(
    r =>
      /\/api\/finops\/entities\/group\/default\/checkout-team\/costs\?/.test(
        r.url(),
      ) && r.url().includes('groupBy=child'),
  );
  await page.goto('/catalog/default/group/checkout-team/costs');
  const costs = await (await costsResponse).json();
  const total = page.getByTestId('finops-team-total');
  await expect(total).toHaveAttribute('data-amount', costs.total);
  expect(canonical(costs.total)).not.toBe('0');

  // Each child's own total, asked independently for the same period, adds up to the team's.
  const { searchParams } = new URL((await costsResponse).url());
  const period = `from=${searchParams.get('from')}&to=${searchParams.get(
    'to',
  )}`;
  const childTotals: string[] = [];
  for (const series of costs.series) {
    const [kind, rest] = series.key.split(':');
    const [namespace, name] = rest.split('/');
    if (series.key === 'group:default/checkout-team') {
      childTotals.push(series.total); // the team's own direct cost
      continue;
    }
    const child = await api(
      request,
      token,
      `/entities/${kind}/${namespace}/${name}/costs?${period}`,
    );
    childTotals.push(child.total);
  }
  expect(sumDecimals(childTotals)).toBe(canonical(costs.total));
  await page.screenshot({
    path: `${SCREENSHOTS}/team-costs.png`,
    fullPage: true,
  });
});

test('an entity without mapping teaches which annotation to add', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/checkout-sdk');
  const empty = page.getByText('No costs are mapped to this entity');
  await empty.scrollIntoViewIfNeeded();
  await expect(empty).toBeVisible();
  await expect(page.locator('body')).toContainText(
    'costwise.dev/tags: application=checkout-sdk',
  );
});

test('a user the policy denies sees a clear message and no numbers', async ({
  page,
  request,
}) => {
  // three API checks and three pages: more than one page's time on a busy machine
  test.slow();
  const token = await guestToken(request);
  // invoice-reconciler's cost is restricted to its owners (finops-team); the guest is in checkout-team
  const denied = await request.get(
    `${BACKEND}/api/finops/entities/component/default/invoice-reconciler/summary`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(denied.status()).toBe(403);
  expect(JSON.stringify(await denied.json())).not.toMatch(/monthToDate/);

  // its system answers without it, and says so
  const system = await api(
    request,
    token,
    '/entities/system/default/finance-tools/costs?groupBy=child',
  );
  expect(system.hiddenMembers.count).toBe(1);
  expect(system.series.map((s: { key: string }) => s.key)).not.toContain(
    'component:default/invoice-reconciler',
  );

  await signIn(page);
  await page.goto('/catalog/default/component/invoice-reconciler');
  const message = page.getByTestId('finops-not-allowed').first();
  await message.scrollIntoViewIfNeeded();
  await expect(message).toContainText('You may not see this cost');
  // the entity refused is named by its title, with a link, not by its ref
  await expect(message).toContainText(
    'not allowed to read the cost of Invoice reconciler',
  );
  await expect(message).not.toContainText(
    'component:default/invoice-reconciler',
  );
  await expect(
    message.getByRole('link', { name: 'Invoice reconciler' }),
  ).toHaveAttribute('href', '/catalog/default/component/invoice-reconciler');
  await expect(message).not.toContainText(/\$\s?\d/);
  await expect(page.getByTestId('finops-mtd')).toHaveCount(0);
  await message.screenshot({ path: `${SCREENSHOTS}/cost-not-allowed.png` });

  await page.goto('/catalog/default/component/invoice-reconciler/costs');
  await expect(page.getByTestId('finops-not-allowed').first()).toBeVisible();
  await expect(page.getByTestId('finops-total')).toHaveCount(0);

  await page.goto('/catalog/default/system/finance-tools/costs');
  await expect(page.getByTestId('finops-hidden-members')).toContainText(
    "1 member's cost is left out",
  );
  await expect(page.getByTestId('finops-total')).toBeVisible();
});

test('the admin routes answer a guest who is not on the FinOps team with 403 and nothing else', async ({
  request,
}) => {
  const token = await guestToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const checks = [
    request.get(`${BACKEND}/api/finops/coverage`, { headers }),
    request.get(`${BACKEND}/api/finops/attribution/changes`, { headers }),
    request.get(`${BACKEND}/api/finops/explain?resourceId=x`, { headers }),
    request.get(`${BACKEND}/api/finops/ingestions`, { headers }),
    request.post(`${BACKEND}/api/finops/overrides`, {
      headers,
      data: {
        match: { service: 'Amazon S3' },
        entityRef: 'component:default/checkout-api',
      },
    }),
  ];
  for (const response of await Promise.all(checks)) {
    expect(response.status()).toBe(403);
    const body = await response.text();
    expect(body).toMatch(/finops\.admin/);
    // no figure of any kind in the refusal
    expect(body).not.toMatch(/\d+\.\d{2}/);
  }
  // and nothing was stored: no override took effect
  expect(
    (
      await request.get(`${BACKEND}/api/finops/overrides`, { headers })
    ).status(),
  ).toBe(403);
});
