import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Decimal, NormalizedCostRow } from '@costwise/plugin-finops-common';
import { CostAggregator } from '../ingestion/aggregate';
import { readCostFile } from '../ingestion/reader';
import {
  DemoDataResult,
  generateDemoData,
  writeDemoData,
} from './generateDemoData';
import type { DemoMapping } from './types';

const MAPPING_FILE = path.resolve(
  __dirname,
  '../../../../examples/demo-mapping.json',
);
const END = '2025-06-30';

async function readBack(file: string) {
  const aggregator = new CostAggregator({ summaryOnly: true });
  const rows: NormalizedCostRow[] = [];
  for await (const record of readCostFile(file)) {
    aggregator.add(record);
    if (record.kind === 'row') rows.push(record.row);
  }
  return { summary: aggregator.summary(), rows };
}

const sum = (
  rows: NormalizedCostRow[],
  measure: 'billedCost' | 'effectiveCost' = 'effectiveCost',
) => Decimal.sum(rows.map(r => Decimal.parse(r[measure])));

describe('generateDemoData', () => {
  let mapping: DemoMapping;
  let dir: string;
  let result: DemoDataResult;
  let rows: NormalizedCostRow[];
  let summary: Awaited<ReturnType<typeof readBack>>['summary'];

  beforeAll(async () => {
    mapping = JSON.parse(await fs.readFile(MAPPING_FILE, 'utf8'));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-'));
    result = await writeDemoData(path.join(dir, 'focus-demo.csv'), {
      mapping,
      seed: 1,
      days: 90,
      end: END,
    });
    ({ summary, rows } = await readBack(result.file));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const text = (seed: number) =>
      [...generateDemoData({ mapping, seed, days: 90, end: END })].join('\n');
    const first = text(1);
    expect(text(1)).toBe(first);
    expect(text(2)).not.toBe(first);
    expect(`${first}\n`).toBe(await fs.readFile(result.file, 'utf8'));
  });

  it('has a FOCUS 1.2 header and a few tens of thousands of rows for 90 days', () => {
    const [header] = generateDemoData({ mapping, days: 1, end: END });
    const columns = header.split(',');
    expect(columns.filter(c => !c.startsWith('x_'))).toHaveLength(57);
    expect(columns).toEqual(
      expect.arrayContaining([
        'BilledCost',
        'EffectiveCost',
        'Tags',
        'SkuMeter',
        'x_Model',
      ]),
    );
    expect(result.rows).toBeGreaterThan(15000);
    expect(result.rows).toBeLessThan(60000);
  });

  it('reads back with no rejections and the totals it reports, exactly', () => {
    expect(summary.rejected).toBe(0);
    expect(summary.rejections).toEqual([]);
    expect(summary.rows).toBe(result.rows);
    expect(summary.totals).toEqual(result.totals);
    expect(Object.keys(result.totals)).toEqual(['EUR', 'USD']);
    expect(summary.billingPeriods).toEqual(['2025-04', '2025-05', '2025-06']);
  });

  it('writes money with at most 10 fractional digits', async () => {
    const lines = [...generateDemoData({ mapping, days: 3, end: END })];
    const header = lines[0].split(',');
    const at = [
      'BilledCost',
      'EffectiveCost',
      'ListCost',
      'ContractedCost',
    ].map(c => header.indexOf(c));
    for (const line of lines.slice(1, 400)) {
      const cells = line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map(c => c.replace(/,$/, ''));
      for (const i of at) expect(cells[i]).toMatch(/^-?\d+(\.\d{1,10})?$/);
    }
  });

  it('contains every concrete id, tag set, project and workload of the mapping', () => {
    const resourceIds = new Set(rows.map(r => r.resourceId));
    const subAccounts = new Set(rows.map(r => r.subAccountId));
    const tagSets = new Set(rows.map(r => JSON.stringify(r.tags)));
    for (const e of [
      ...mapping.resourceIds,
      ...mapping.tags,
      ...mapping.accounts,
      ...mapping.inferenceOnly,
      ...mapping.unattributed,
    ]) {
      expect(resourceIds).toContain(e.resourceId);
    }
    for (const e of [...mapping.tags, ...mapping.inferenceOnly])
      expect(tagSets).toContain(JSON.stringify(e.tags));
    for (const a of mapping.accounts) {
      expect(
        rows.some(
          r =>
            r.subAccountId === a.subAccount && Object.keys(r.tags).length === 0,
        ),
      ).toBe(true);
    }
    for (const l of mapping.llm) {
      expect(subAccounts).toContain(l.project);
      for (const model of l.models)
        expect(
          rows.some(r => r.subAccountId === l.project && r.skuId === model),
        ).toBe(true);
    }
    for (const k of mapping.kubernetes) {
      const workload = rows.filter(
        r => r.tags['backstage.io/kubernetes-id'] === k.id,
      );
      expect(
        workload.some(
          r =>
            r.tags.kubernetes_namespace === k.namespace &&
            r.tags.kubernetes_cluster === k.cluster,
        ),
      ).toBe(true);
      expect(workload.some(r => r.tags['k8s-namespace'] === k.namespace)).toBe(
        true,
      );
    }
    const search = mapping.inferenceOnly[0];
    expect(rows.some(r => r.tags[search.tagKey] === search.tagValue)).toBe(
      true,
    );
  });

  it('has cloud and LLM providers, with token usage on LLM rows', () => {
    expect(Object.keys(summary.providers).sort()).toEqual([
      'AWS',
      'Anthropic',
      'Google Cloud',
      'Microsoft',
      'OpenAI',
    ]);
    const llm = rows.filter(
      r => r.providerName === 'OpenAI' || r.providerName === 'Anthropic',
    );
    expect(new Set(llm.map(r => r.serviceName))).toEqual(
      new Set(['OpenAI API', 'Anthropic API']),
    );
    expect(new Set(llm.map(r => r.serviceCategory))).toEqual(
      new Set(['AI and Machine Learning']),
    );
    expect(new Set(llm.map(r => r.consumedUnit))).toEqual(
      new Set(['Input Tokens', 'Cached Input Tokens', 'Output Tokens']),
    );
    expect(llm.every(r => /^\d+$/.test(r.consumedQuantity ?? ''))).toBe(true);
  });

  it('has purchases, credits, tax and an amortized commitment that adds up', () => {
    const byCategory = (c: string) => rows.filter(r => r.chargeCategory === c);
    const purchases = byCategory('Purchase');
    const credits = byCategory('Credit');
    expect(purchases.length).toBeGreaterThan(0);
    expect(byCategory('Tax').length).toBeGreaterThan(0);
    expect(credits.length).toBeGreaterThan(0);
    expect(
      credits.every(
        r => r.billedCost.startsWith('-') && r.effectiveCost === r.billedCost,
      ),
    ).toBe(true);
    expect(
      purchases.every(
        r =>
          r.effectiveCost === '0' &&
          !r.billedCost.startsWith('-') &&
          r.billedCost !== '0',
      ),
    ).toBe(true);

    const commitment = purchases[0].commitmentDiscountId!;
    expect(purchases[0].resourceId).toBe(commitment);
    const used = rows.filter(
      r =>
        r.commitmentDiscountId === commitment &&
        r.commitmentDiscountStatus === 'Used',
    );
    const unused = rows.filter(
      r =>
        r.commitmentDiscountId === commitment &&
        r.commitmentDiscountStatus === 'Unused',
    );
    expect(used.length).toBeGreaterThan(0);
    expect(
      used.every(
        r =>
          r.chargeCategory === 'Usage' &&
          r.billedCost === '0' &&
          r.effectiveCost !== '0',
      ),
    ).toBe(true);
    expect(unused.length).toBeGreaterThan(0);
    expect(
      unused.every(
        r => r.chargeCategory === 'Usage' && r.resourceId === commitment,
      ),
    ).toBe(true);
    // FOCUS: what was billed for the commitment is exactly what is amortized into usage, used or not
    expect(sum([...used, ...unused]).equals(sum(purchases, 'billedCost'))).toBe(
      true,
    );
  });

  it('leaves between 5% and 10% of USD spend untagged and unmapped', () => {
    const unattributed = new Set(mapping.unattributed.map(u => u.resourceId));
    const usd = rows.filter(r => r.billingCurrency === 'USD');
    const share =
      sum(usd.filter(r => unattributed.has(r.resourceId!))).toNumber() /
      sum(usd).toNumber();
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.1);
  });

  it('bills a small Azure account in EUR, with a dirty tag key', () => {
    const eur = rows.filter(r => r.billingCurrency === 'EUR');
    expect(eur.length).toBeGreaterThan(0);
    expect(new Set(eur.map(r => r.providerName))).toEqual(
      new Set(['Microsoft']),
    );
    expect(eur.some(r => ' Environment' in r.tags)).toBe(true);
  });

  it('puts the anomalies where it says they are', () => {
    const costOn = (day: string, match: (r: NormalizedCostRow) => boolean) =>
      sum(
        rows.filter(r => r.chargePeriodStart.startsWith(day) && match(r)),
      ).toNumber();
    const weekBefore = (day: string) =>
      new Date(Date.parse(day) - 7 * 86_400_000).toISOString().slice(0, 10);
    expect(
      result.anomalies.map(a => [a.kind, a.entity, a.day, a.offset]),
    ).toEqual([
      ['spike', 'component:default/checkout-api', '2025-06-26', 4],
      ['spike', 'component:default/product-copy-generator', '2025-06-10', 20],
      [
        'new-resource',
        'component:default/similar-items-model',
        '2025-06-21',
        9,
      ],
    ]);
    const [lambda, tokens, gpu] = result.anomalies;
    const onLambda = (r: NormalizedCostRow) =>
      r.resourceId === lambda.resourceId;
    expect(costOn(lambda.day, onLambda)).toBeGreaterThan(
      3 * costOn(weekBefore(lambda.day), onLambda),
    );
    const onProject = (r: NormalizedCostRow) =>
      r.subAccountId === tokens.subAccountId;
    expect(costOn(tokens.day, onProject)).toBeGreaterThan(
      3 * costOn(weekBefore(tokens.day), onProject),
    );
    const onGpu = (r: NormalizedCostRow) => r.resourceId === gpu.resourceId;
    expect(costOn(gpu.day, onGpu)).toBeGreaterThan(50);
    expect(rows.some(r => onGpu(r) && r.chargePeriodStart < gpu.day)).toBe(
      false,
    );
  });

  it('refuses impossible dates and day counts', async () => {
    await expect(
      writeDemoData(path.join(dir, 'x.csv'), { mapping, end: '2025-02-30' }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    await expect(
      writeDemoData(path.join(dir, 'x.csv'), { mapping, days: 0 }),
    ).rejects.toThrow(/days/);
    expect(() => [...generateDemoData({ mapping, end: 'yesterday' })]).toThrow(
      /YYYY-MM-DD/,
    );
  });

  it('splits usage to reach a row target without changing any total, and gzips', async () => {
    const small = await writeDemoData(path.join(dir, 'small.csv'), {
      mapping,
      days: 7,
      end: END,
    });
    const big = await writeDemoData(path.join(dir, 'big.csv.gz'), {
      mapping,
      days: 7,
      end: END,
      rows: small.rows * 3,
    });
    expect(Math.abs(big.rows - small.rows * 3)).toBeLessThan(small.rows * 0.05);
    expect(big.totals).toEqual(small.totals);
    const gz = await fs.readFile(big.file);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const back = await readBack(big.file);
    expect(back.summary.rejected).toBe(0);
    expect(back.summary.totals).toEqual(big.totals);
  });
});
