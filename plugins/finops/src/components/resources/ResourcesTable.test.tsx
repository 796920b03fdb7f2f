import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EntityResourceCost } from '@costwise/plugin-finops-common';
import { resources } from '../../__testUtils__/fixtures';
import { ResourcesTable } from './ResourcesTable';

const routes = {
  mountedRoutes: {
    '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
  },
};

const ARN =
  'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0';

const line = (
  groupId: string,
  skuId: string,
  amount: string,
  extra: Partial<EntityResourceCost> = {},
): EntityResourceCost => ({
  ...resources.items[0],
  groupId,
  resourceId: ARN,
  resourceName: 'assistant model',
  service: 'Amazon Bedrock',
  skuId,
  consumedUnit: 'Tokens',
  amount,
  share: 0.2,
  ...extra,
  evidence: {
    ...resources.items[0].evidence,
    selector: `resource-id=${ARN}`,
    matched: { resourceId: ARN },
  },
});

const page = {
  ...resources,
  items: [
    line('1', 'claude-sonnet-4 input tokens', '9.6', {
      consumedQuantity: '3200000',
    }),
    line('2', 'claude-sonnet-4 output tokens', '4.5', {
      consumedQuantity: '300000.5',
    }),
    line('3', 'claude-sonnet-4 cache writes', '0.6', {
      consumedUnit: undefined,
    }),
  ],
};

const openLines = async () => {
  await renderInTestApp(
    <ResourcesTable resources={page} name="assistant-api" />,
    routes,
  );
  await userEvent.click(
    screen.getByRole('button', { name: 'Show the 3 lines of assistant model' }),
  );
  return screen.getAllByTestId('finops-resource-line');
};

describe('the lines of a resource', () => {
  it('say what each line consumed, exactly, in its unit', async () => {
    const lines = await openLines();
    const header = within(screen.getByTestId('finops-resource-lines'))
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(header).toEqual([
      'SKU',
      'Charge category',
      'Pricing',
      'Quantity',
      'Unit',
      'Method',
      'Amount',
      'Evidence',
    ]);
    const cells = lines.map(l =>
      within(l)
        .getAllByRole('cell')
        .slice(3, 5)
        .map(c => c.textContent),
    );
    expect(cells).toEqual([
      ['3,200,000', 'Tokens'],
      ['300,000.5', 'Tokens'],
      ['–', '–'],
    ]);
    expect(lines[1]).toHaveAttribute('data-quantity', '300000.5');
  });
});

describe('the evidence popover', () => {
  const rect = (left: number, top: number, width = 120, height = 30) =>
    ({
      left,
      top,
      width,
      height,
      right: left + width,
      bottom: top + height,
      x: left,
      y: top,
      toJSON: () => ({}),
    } as DOMRect);

  let restore: Array<() => void> = [];
  beforeEach(() => {
    // jsdom lays nothing out: the popover's paper is 400 × 240 px
    for (const [prop, value] of [
      ['offsetWidth', 400],
      ['offsetHeight', 240],
    ] as const) {
      const before = Object.getOwnPropertyDescriptor(
        HTMLElement.prototype,
        prop,
      );
      Object.defineProperty(HTMLElement.prototype, prop, {
        configurable: true,
        get: () => value,
      });
      restore.push(() =>
        Object.defineProperty(HTMLElement.prototype, prop, before!),
      );
    }
  });
  afterEach(() => {
    restore.forEach(r => r());
    restore = [];
  });

  const openAt = async (button: DOMRect) => {
    const lines = await openLines();
    const why = within(lines[0]).getByRole('button', { name: /Why is/ });
    why.getBoundingClientRect = () => button;
    await userEvent.click(why);
    return screen.findByRole('dialog', { name: /Why is assistant model ours/ });
  };

  it('opens beside its button, under the row, leaving the amount in view', async () => {
    const dialog = await openAt(rect(900, 300));
    // its right edge on the button's left edge, its top on the row's bottom
    expect(dialog).toHaveStyle({ left: '500px', top: '330px' });
  });

  it('stays inside a narrow window', async () => {
    const dialog = await openAt(rect(250, 300));
    expect(dialog).toHaveStyle({ left: '8px' });
  });

  it('wraps long ids instead of running off the edge', async () => {
    const dialog = await openAt(rect(900, 300));
    expect(dialog.style.maxWidth).toBe('min(520px, calc(100vw - 16px))');
    const body = within(dialog).getByTestId('finops-evidence');
    expect(body.style.overflowWrap).toBe('anywhere');
    expect(body.style.wordBreak).toBe('break-word');
    expect(body).toHaveTextContent(ARN);
  });
});
