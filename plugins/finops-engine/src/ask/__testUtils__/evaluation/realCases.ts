import path from 'path';
import { readCatalogFiles } from '../../../attribution';
import { startEngine } from '../../../__testUtils__/engine';
import { askEngineOf } from '../askEngines';
import type { EvalCase } from './runEvaluation';
import {
  aiSpend,
  change,
  compare,
  cost,
  drivers,
  forecast,
  owner,
  recommendations,
  spike,
  top,
  topEntities,
  unattributed,
} from './expectations';
import { Reference } from './reference';

const PROVIDERS = path.resolve(
  __dirname,
  '../../../ingestion/__fixtures__/providers',
);

/**
 * Real provider exports normalized to FOCUS (the legacy AWS CUR sample of
 * 1 to 14 November 2023 and the Azure EA amortized sample of September
 * 2023) attributed to a small catalog of their own, an ask engine over
 * them and the reference reading.
 */
export async function startAskReal() {
  const entities = await readCatalogFiles([
    path.resolve(__dirname, '../../__fixtures__/real-catalog.yaml'),
  ]);
  const engine = await startEngine({
    files: [
      path.join(PROVIDERS, 'aws/sample-anonymous-aws-export-dataset.csv'),
      path.join(PROVIDERS, 'azure/EA_AmortizedCost_Small.csv'),
    ],
    entities,
  });
  return {
    engine,
    ask: askEngineOf(engine, entities),
    reference: new Reference(engine.knex, entities),
  };
}

const T = '2023-11-14';
const NOV = { from: '2023-11-01', to: T };
const SEP = { from: '2023-09-01', to: '2023-09-30' };
const OCT = { from: '2023-10-01', to: '2023-10-31' };
const LAST30 = { from: '2023-10-16', to: T };
const LAST_WEEK = { from: '2023-11-06', to: '2023-11-12' };
const WEEK_BEFORE = { from: '2023-10-30', to: '2023-11-05' };
const YEAR = { from: '2023-01-01', to: T };
const day = (d: string) => ({ from: d, to: d });
const S3 = 'Amazon Simple Storage Service';

/** The questions over the real exports. */
export const REAL_CASES: EvalCase[] = [
  {
    question: 'What did the AWS sandbox cost in November 2023?',
    kind: 'cost',
    expect: cost('system:default/aws-sandbox', NOV),
  },
  {
    question: 'How much did we spend on S3 last week?',
    kind: 'cost',
    tags: ['service', 'relative-date'],
    expect: cost(null, LAST_WEEK, { where: x => x.service === S3 }),
  },
  {
    question: 'What did Amazon Simple Storage Service cost since the 3rd?',
    kind: 'cost',
    tags: ['service', 'relative-date'],
    expect: cost(
      null,
      { from: '2023-11-03', to: T },
      { where: x => x.service === S3 },
    ),
  },
  {
    question: 'What did AWS cost yesterday?',
    kind: 'cost',
    tags: ['provider', 'relative-date'],
    expect: cost(null, day('2023-11-13'), { where: x => x.provider === 'AWS' }),
  },
  {
    question: 'How much did Azure cost in September 2023?',
    kind: 'cost',
    tags: ['provider'],
    expect: cost(null, SEP, { where: x => x.provider === 'Microsoft' }),
  },
  {
    question: 'What did Trey Research spend in September?',
    kind: 'cost',
    tags: ['title'],
    expect: cost('group:default/trey-research', SEP),
  },
  {
    question:
      'What did the Trey Research R&D Playground subscription cost in September?',
    kind: 'cost',
    tags: ['account'],
    expect: cost(null, SEP, {
      where: x => x.accountName === 'Trey Research R&D Playground',
    }),
  },
  {
    question: 'What did SAP monitring cost in September?',
    kind: 'cost',
    tags: ['typo'],
    expect: async r => ({
      ...(await cost('component:default/sap-monitoring', SEP)(r)),
      didYouMean: 'component:default/sap-monitoring',
    }),
  },
  {
    question: 'What was the tax on AWS this month?',
    kind: 'cost',
    tags: ['charge-category'],
    expect: cost(null, NOV, {
      where: x => x.provider === 'AWS' && x.charge === 'Tax',
    }),
  },
  {
    question: 'What did us-west-2 cost last week?',
    kind: 'cost',
    tags: ['region', 'relative-date'],
    expect: cost(null, LAST_WEEK, { where: x => x.region === 'us-west-2' }),
  },
  {
    question: 'What was the list cost of the AWS sandbox this month?',
    kind: 'cost',
    tags: ['measure'],
    expect: cost('system:default/aws-sandbox', NOV, { measure: 'ListCost' }),
  },
  {
    question: 'Why did AWS costs spike on November 6?',
    kind: 'change',
    expect: change(null, day('2023-11-06'), day('2023-11-05'), {
      where: x => x.provider === 'AWS',
    }),
  },
  {
    question: "Why did the AWS sandbox's costs spike?",
    kind: 'change',
    tags: ['spike'],
    expect: spike('system:default/aws-sandbox', LAST30),
  },
  {
    question: 'Why did our cost change last week?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change(null, LAST_WEEK, WEEK_BEFORE),
  },
  {
    question: 'Why did costs change between October and November?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change(null, NOV, OCT),
  },
  {
    question: 'Why did S3 cost go up yesterday?',
    kind: 'change',
    tags: ['service', 'relative-date'],
    expect: change(null, day('2023-11-13'), day('2023-11-12'), {
      where: x => x.service === S3,
    }),
  },
  {
    question: 'What drives the AWS sandbox cost?',
    kind: 'drivers',
    expect: drivers('system:default/aws-sandbox', LAST30),
  },
  {
    question: "Break down Trey Research's cost by resource in September",
    kind: 'drivers',
    expect: drivers('group:default/trey-research', SEP, 'resource'),
  },
  {
    question: 'What are the top 5 services this month?',
    kind: 'top',
    expect: top(null, NOV, 'service', 5),
  },
  {
    question: 'Which region costs the most this month?',
    kind: 'top',
    expect: top(null, NOV, 'region', 1),
  },
  {
    question: 'What are the 3 most expensive resources in September?',
    kind: 'top',
    expect: top(null, SEP, 'resource', 3),
  },
  {
    question: 'Which team costs the most in 2023?',
    kind: 'top',
    expect: topEntities('group', YEAR, 1),
  },
  {
    question: 'Compare the AWS sandbox and the Trey platform in 2023',
    kind: 'compare',
    expect: compare(
      ['system:default/aws-sandbox', 'system:default/trey-platform'],
      YEAR,
    ),
  },
  {
    question: 'What will the AWS sandbox spend this month?',
    kind: 'forecast',
    expect: forecast('system:default/aws-sandbox', T),
  },
  {
    question: 'Who owned zmltestplayground in September?',
    kind: 'owner',
    expect: owner('zmltestplayground', SEP, 'component:default/ml-playground'),
  },
  {
    question: 'Who owns sapmon-log-133913327cb44f in September?',
    kind: 'owner',
    expect: owner(
      'sapmon-log-133913327cb44f',
      SEP,
      'component:default/sap-monitoring',
    ),
  },
  {
    question: 'What was unattributed in September?',
    kind: 'unattributed',
    expect: unattributed(SEP),
  },
  {
    question: 'What is our AI spend this month?',
    kind: 'ai-spend',
    expect: aiSpend(null, NOV),
  },
  {
    question: 'What are the open recommendations?',
    kind: 'recommendations',
    expect: recommendations(),
  },
  {
    question: 'What is the cost per user of ml-playground?',
    kind: 'unit-cost',
    tags: ['no-metric'],
    expect: async () => ({
      figures: [],
      says: [/no unit cost/, /costwise\.dev\/unit-metric/],
    }),
  },
  { question: 'What is the weather in Seattle?', kind: 'unsupported' },
  {
    question: 'What did the quantum team cost in September?',
    kind: 'unsupported',
    tags: ['unknown-name'],
  },
  { question: 'Create a budget for the AWS sandbox', kind: 'unsupported' },
];

export type { Reference };
