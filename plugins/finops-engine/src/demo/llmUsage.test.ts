import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import { readCostFile } from '../ingestion/reader';
import {
  demoDataLlmUsage,
  DemoDataOptions,
  writeDemoData,
} from './generateDemoData';
import type { DemoMapping } from './types';

const MAPPING_FILE = path.resolve(
  __dirname,
  '../../../../examples/demo-mapping.json',
);
// a Wednesday; the demo's LLM burst is 20 days before
const END = '2025-06-25';
const API_PROVIDERS = ['OpenAI', 'Anthropic'];

jest.setTimeout(60_000);

async function rowsOf(file: string) {
  const rows: NormalizedCostRow[] = [];
  for await (const record of readCostFile(file))
    if (record.kind === 'row') rows.push(record.row);
  return rows;
}

describe('the demo data without the LLM APIs', () => {
  let mapping: DemoMapping;
  let dir: string;
  let all: NormalizedCostRow[];
  let without: NormalizedCostRow[];
  let written: Awaited<ReturnType<typeof writeDemoData>>[];
  const options = (extra: Partial<DemoDataOptions> = {}): DemoDataOptions => ({
    mapping,
    days: 30,
    end: END,
    ...extra,
  });

  beforeAll(async () => {
    mapping = JSON.parse(await fs.readFile(MAPPING_FILE, 'utf8'));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-llm-'));
    written = [
      await writeDemoData(path.join(dir, 'all.csv'), options()),
      await writeDemoData(
        path.join(dir, 'without.csv'),
        // the case of a provider's name does not matter
        options({ omitLlmProviders: ['openai', 'Anthropic'] }),
      ),
    ];
    all = await rowsOf(written[0].file);
    without = await rowsOf(written[1].file);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('leaves out exactly the OpenAI and Anthropic API rows, and nothing else', () => {
    const apiRows = all.filter(r => API_PROVIDERS.includes(r.providerName));
    expect(apiRows.length).toBeGreaterThan(100);
    expect(without.some(r => API_PROVIDERS.includes(r.providerName))).toBe(
      false,
    );
    expect(without).toEqual(
      all.filter(r => !API_PROVIDERS.includes(r.providerName)),
    );
    // Azure OpenAI arrives through the cloud's own export, and stays
    expect(
      without.some(
        r =>
          r.providerName === 'Microsoft' &&
          r.resourceId?.includes('Microsoft.CognitiveServices'),
      ),
    ).toBe(true);
    // the anomalies still name the LLM burst that the connectors now carry
    expect(written[1].anomalies).toEqual(written[0].anomalies);
  });

  it('describes the usage it leaves out: every project and model of the mapping, with the volumes of its rows', () => {
    const usage = demoDataLlmUsage(options());
    expect(
      usage.map(u => [u.provider, u.project, u.model, u.entity]).sort(),
    ).toEqual(
      mapping.llm
        .flatMap(l => l.models.map(m => [l.provider, l.project, m, l.entity]))
        .sort(),
    );
    for (const u of usage) {
      const rows = all.filter(
        r =>
          r.subAccountId === u.project &&
          r.skuId === u.model &&
          r.chargePeriodStart.startsWith(END),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0].billingAccountId).toBe(u.billingAccount.id);
      const tokens = (unit: string) =>
        rows
          .filter(r => r.consumedUnit === unit)
          .reduce((s, r) => s + Number(r.consumedQuantity), 0);
      // the last day of the data is a weekday without trend: the base volume ±20% noise
      for (const [unit, daily] of [
        ['Input Tokens', u.dailyTokens.input],
        ['Cached Input Tokens', u.dailyTokens.cachedInput],
        ['Output Tokens', u.dailyTokens.output],
      ] as const) {
        expect(tokens(unit)).toBeGreaterThanOrEqual(Math.floor(daily * 0.8));
        expect(tokens(unit)).toBeLessThanOrEqual(Math.ceil(daily * 1.2));
      }
    }
    const burst = written[0].anomalies.find(a => a.subAccountId);
    expect(burst).toBeDefined();
    expect(
      usage.filter(u => u.spikes.length > 0).map(u => [u.project, u.spikes]),
    ).toEqual(
      usage
        .filter(u => u.project === burst!.subAccountId)
        .map(u => [u.project, [{ day: burst!.day, factor: burst!.factor }]]),
    );
  });

  it('describes the same usage whether it writes it or not', () => {
    expect(
      demoDataLlmUsage(options({ omitLlmProviders: API_PROVIDERS })),
    ).toEqual(demoDataLlmUsage(options()));
  });
});
