import type { EvalCase } from './runEvaluation';
import {
  aiSpend,
  change,
  compare,
  cost,
  drivers,
  forecast,
  membersOf,
  owner,
  recommendations,
  spike,
  top,
  topEntities,
  unattributed,
  unitCost,
} from './expectations';
import { modelOfRow, Reference } from './reference';

/**
 * The questions over the demo data (90 days up to 2026-11-30, a Monday),
 * with the figures each answer must hold, computed by the reference.
 */
const T = '2026-11-30';
const MTD = { from: '2026-11-01', to: T };
const NOV = MTD;
const OCT = { from: '2026-10-01', to: '2026-10-31' };
const SEP = { from: '2026-09-01', to: '2026-09-30' };
const LAST30 = { from: '2026-11-01', to: T };
const LAST_WEEK = { from: '2026-11-23', to: '2026-11-29' };
const WEEK_BEFORE = { from: '2026-11-16', to: '2026-11-22' };
const day = (d: string) => ({ from: d, to: d });

const CHECKOUT_TEAM = 'group:default/checkout-team';
const asCheckoutTeam = { userGroups: [CHECKOUT_TEAM] };
const LAMBDA =
  'arn:aws:lambda:eu-west-1:123456789012:function:checkout-api-worker';
const UNMAPPED_VM =
  'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0';

const team = async (r: Reference, ref: string) => membersOf(r, ref);

export const DEMO_CASES: EvalCase[] = [
  // what something cost
  {
    question: 'What did checkout-api cost last month?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost('component:default/checkout-api', OCT),
  },
  {
    question: 'How much did the checkout system cost in October?',
    kind: 'cost',
    expect: cost('system:default/checkout', OCT),
  },
  {
    question: 'What did the checkout team spend this month?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost(CHECKOUT_TEAM, MTD),
  },
  {
    question: 'What did Payments service cost yesterday?',
    kind: 'cost',
    tags: ['relative-date', 'title'],
    expect: cost('component:default/payments-service', day('2026-11-29')),
  },
  {
    question: 'How much did storefront-web cost last week?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost('component:default/storefront-web', LAST_WEEK),
  },
  {
    question: 'What did the ml-team spend since the 3rd?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost('group:default/ml-team', { from: '2026-11-03', to: T }),
  },
  {
    question: 'What did the data platform cost on Thursday?',
    kind: 'cost',
    tags: ['relative-date', 'title'],
    expect: cost('system:default/data-platform', day('2026-11-26')),
  },
  {
    question: 'What was the cost of orders-db in Q4?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost('resource:default/orders-db', { from: '2026-10-01', to: T }),
  },
  {
    question: 'How much did we spend on AWS in October?',
    kind: 'cost',
    tags: ['provider'],
    expect: cost(null, OCT, { where: x => x.provider === 'AWS' }),
  },
  {
    question: 'What did Azure cost last month?',
    kind: 'cost',
    tags: ['provider', 'relative-date'],
    expect: cost(null, OCT, { where: x => x.provider === 'Microsoft' }),
  },
  {
    question: 'What did AWS Lambda cost this month?',
    kind: 'cost',
    tags: ['service'],
    expect: cost(null, MTD, { where: x => x.service === 'AWS Lambda' }),
  },
  {
    question: 'How much did we spend on S3 last week?',
    kind: 'cost',
    tags: ['service', 'relative-date'],
    expect: cost(null, LAST_WEEK, {
      where: x => x.service === 'Amazon Simple Storage Service',
    }),
  },
  {
    question: 'What did the acme-prod account cost in November?',
    kind: 'cost',
    tags: ['account'],
    expect: cost(null, NOV, { where: x => x.account === '123456789012' }),
  },
  {
    question: 'How much did gpt-4o cost last month?',
    kind: 'cost',
    tags: ['model'],
    expect: cost(null, OCT, { where: x => modelOfRow(x) === 'gpt-4o' }),
  },
  {
    question: 'What did eu-west-1 cost this month?',
    kind: 'cost',
    tags: ['region'],
    expect: cost(null, MTD, { where: x => x.region === 'eu-west-1' }),
  },
  {
    question: 'What was the billed cost of checkout-api in October?',
    kind: 'cost',
    tags: ['measure'],
    expect: cost('component:default/checkout-api', OCT, {
      measure: 'BilledCost',
    }),
  },
  {
    question: 'What did checkout-api cost at list price last month?',
    kind: 'cost',
    tags: ['measure'],
    expect: cost('component:default/checkout-api', OCT, {
      measure: 'ListCost',
    }),
  },
  {
    question: 'What did chekout-api cost last month?',
    kind: 'cost',
    tags: ['typo'],
    expect: async r => ({
      ...(await cost('component:default/checkout-api', OCT)(r)),
      didYouMean: 'component:default/checkout-api',
    }),
  },
  {
    question: 'How much did the storefornt system cost in October?',
    kind: 'cost',
    tags: ['typo'],
    expect: async r => ({
      ...(await cost('system:default/storefront', OCT)(r)),
      didYouMean: 'system:default/storefront',
    }),
  },
  {
    question: 'What did we spend last month?',
    kind: 'cost',
    tags: ['our', 'relative-date'],
    context: asCheckoutTeam,
    expect: cost(CHECKOUT_TEAM, OCT),
  },
  {
    question: 'What did this cost in September?',
    kind: 'cost',
    tags: ['page-scope'],
    context: { entityRef: 'component:default/cart-service' },
    expect: cost('component:default/cart-service', SEP),
  },
  {
    question:
      'What did the organization spend between November 2 and November 8?',
    kind: 'cost',
    tags: ['relative-date'],
    expect: cost(null, { from: '2026-11-02', to: '2026-11-08' }),
  },
  {
    question: 'How much were our credits in October?',
    kind: 'cost',
    tags: ['charge-category'],
    expect: cost(null, OCT, { where: x => x.charge === 'Credit' }),
  },

  {
    question: 'What did claude cost last month?',
    kind: 'cost',
    tags: ['provider', 'relative-date'],
    expect: cost(null, OCT, { where: x => x.provider === 'Anthropic' }),
  },
  {
    question: 'What is the spend on claude haiku this month?',
    kind: 'cost',
    tags: ['model'],
    expect: cost(null, MTD, {
      where: x => modelOfRow(x) === 'claude-3-5-haiku-20241022',
    }),
  },

  // why cost changed or spiked
  {
    question: 'Why did our costs spike on Thursday?',
    kind: 'change',
    tags: ['our', 'relative-date', 'spike'],
    context: asCheckoutTeam,
    expect: change(CHECKOUT_TEAM, day('2026-11-26'), day('2026-11-25'), {
      says: [/Thu 26 Nov 2026/, /AWS Lambda on checkout-api-worker/],
    }),
  },
  {
    question: "Why did checkout's costs spike?",
    kind: 'change',
    tags: ['spike'],
    expect: spike(
      'system:default/checkout',
      { from: '2026-11-01', to: T },
      {
        day: '2026-11-26',
        says: [/Thu 26 Nov 2026/, /AWS Lambda on checkout-api-worker/],
      },
    ),
  },
  {
    question: 'Why did checkout-api spike on Nov 26?',
    kind: 'change',
    tags: ['spike'],
    expect: change(
      'component:default/checkout-api',
      day('2026-11-26'),
      day('2026-11-25'),
      { says: [/usage ×8\.0/] },
    ),
  },
  {
    question: 'Which microservice is driving our infrastructure cost increase?',
    kind: 'change',
    tags: ['our'],
    context: asCheckoutTeam,
    expect: change(CHECKOUT_TEAM, NOV, OCT, {
      by: 'entity',
      kind: 'component',
    }),
  },
  {
    question: "Why did storefront's cost go up in October?",
    kind: 'change',
    tags: ['relative-date'],
    expect: change('system:default/storefront', OCT, SEP),
  },
  {
    question: 'Why did product-copy-generator spike?',
    kind: 'change',
    tags: ['spike'],
    expect: spike(
      'component:default/product-copy-generator',
      { from: '2026-11-01', to: T },
      { day: '2026-11-10' },
    ),
  },
  {
    question: 'Why did the similar-items model cost increase this month?',
    kind: 'change',
    tags: ['new-resource'],
    expect: change('component:default/similar-items-model', NOV, OCT, {
      says: [/New: /],
    }),
  },
  {
    question: 'Why did the ml-team costs change last week?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change('group:default/ml-team', LAST_WEEK, WEEK_BEFORE),
  },
  {
    question: 'Why did costs go up yesterday?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change(null, day('2026-11-29'), day('2026-11-28')),
  },
  {
    question: 'Why did ci-runners cost drop on November 9?',
    kind: 'change',
    expect: change(
      'component:default/ci-runners',
      day('2026-11-09'),
      day('2026-11-08'),
    ),
  },
  {
    question:
      'What changed in the checkout system between October and November?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change('system:default/checkout', NOV, OCT),
  },
  {
    question: 'Why did the catalog team cost change since last week?',
    kind: 'change',
    tags: ['relative-date'],
    expect: change(
      'group:default/catalog-team',
      { from: '2026-11-23', to: T },
      { from: '2026-11-15', to: '2026-11-22' },
    ),
  },
  {
    question: 'Why did cart-servce costs go up this month?',
    kind: 'change',
    tags: ['typo'],
    expect: async r => ({
      ...(await change('component:default/cart-service', NOV, OCT)(r)),
      didYouMean: 'component:default/cart-service',
    }),
  },
  {
    question: 'Why did our AWS Lambda spend jump on Thursday?',
    kind: 'change',
    tags: ['our', 'service'],
    context: asCheckoutTeam,
    expect: change(CHECKOUT_TEAM, day('2026-11-26'), day('2026-11-25'), {
      where: x => x.service === 'AWS Lambda',
    }),
  },
  {
    question:
      'Which service drove the increase in the organization cost this month?',
    kind: 'change',
    expect: change(null, NOV, OCT, { by: 'service' }),
  },

  // what drives cost
  {
    question: "What drives storefront's cost?",
    kind: 'drivers',
    expect: drivers('system:default/storefront', LAST30),
  },
  {
    question: 'What are the cost drivers of checkout-api?',
    kind: 'drivers',
    expect: drivers('component:default/checkout-api', LAST30),
  },
  {
    question: "What drives the data team's cost by resource?",
    kind: 'drivers',
    expect: drivers('group:default/data-team', LAST30, 'resource'),
  },
  {
    question: "Break down the ml-team's cost by service last month",
    kind: 'drivers',
    tags: ['relative-date'],
    expect: drivers('group:default/ml-team', OCT),
  },
  {
    question: 'What makes up the cost of the assistant API?',
    kind: 'drivers',
    tags: ['title'],
    expect: drivers('component:default/assistant-api', LAST30),
  },
  {
    question: 'What drives our cost?',
    kind: 'drivers',
    tags: ['our'],
    context: asCheckoutTeam,
    expect: drivers(CHECKOUT_TEAM, LAST30),
  },
  {
    question: "Break down the platform team's cost by region",
    kind: 'drivers',
    expect: drivers('group:default/platform', LAST30, 'region'),
  },
  {
    question: 'What drives the cost of prod-k8s-cluster?',
    kind: 'drivers',
    expect: drivers('resource:default/prod-k8s-cluster', LAST30),
  },

  // the most expensive
  {
    question: 'What are the top 5 services this month?',
    kind: 'top',
    expect: top(null, MTD, 'service', 5),
  },
  {
    question: 'What are the 3 most expensive resources last month?',
    kind: 'top',
    tags: ['relative-date'],
    expect: top(null, OCT, 'resource', 3),
  },
  {
    question: 'Which team costs the most this month?',
    kind: 'top',
    expect: topEntities('group', MTD, 1),
  },
  {
    question: 'Top 3 systems by cost in October',
    kind: 'top',
    expect: topEntities('system', OCT, 3),
  },
  {
    question: 'What are the top 5 components last week?',
    kind: 'top',
    tags: ['relative-date'],
    expect: topEntities('component', LAST_WEEK, 5),
  },
  {
    question: 'Which region costs the most?',
    kind: 'top',
    expect: top(null, MTD, 'region', 1),
  },
  {
    question: 'Top 3 resources of the checkout system since the 3rd',
    kind: 'top',
    tags: ['relative-date'],
    expect: top(
      'system:default/checkout',
      { from: '2026-11-03', to: T },
      'resource',
      3,
    ),
  },
  {
    question: 'Which providers cost the most in October?',
    kind: 'top',
    expect: top(null, OCT, 'provider', 1),
  },

  // side by side
  {
    question: 'Compare checkout and storefront last month',
    kind: 'compare',
    tags: ['relative-date'],
    expect: compare(
      ['system:default/checkout', 'system:default/storefront'],
      OCT,
    ),
  },
  {
    question:
      'Is cart-service more expensive than payments-service this month?',
    kind: 'compare',
    expect: compare(
      ['component:default/cart-service', 'component:default/payments-service'],
      MTD,
    ),
  },
  {
    question: 'checkout-api vs order-worker in October',
    kind: 'compare',
    expect: compare(
      ['component:default/checkout-api', 'component:default/order-worker'],
      OCT,
    ),
  },
  {
    question: 'How does this month compare to last month?',
    kind: 'compare',
    tags: ['relative-date'],
    expect: change(null, NOV, OCT),
  },
  {
    question: 'Compare the checkout team cost in October vs September',
    kind: 'compare',
    expect: change(CHECKOUT_TEAM, OCT, SEP),
  },
  {
    question: 'Compare our cost with the catalog team last week',
    kind: 'compare',
    tags: ['our', 'relative-date'],
    context: asCheckoutTeam,
    expect: compare([CHECKOUT_TEAM, 'group:default/catalog-team'], LAST_WEEK),
  },

  {
    question: 'What did storefront cost vs last month?',
    kind: 'compare',
    tags: ['relative-date'],
    expect: change('system:default/storefront', NOV, OCT),
  },

  // unit cost
  {
    question: "What is checkout-api's cost per order?",
    kind: 'unit-cost',
    expect: unitCost('component:default/checkout-api', LAST30, 'orders'),
  },
  {
    question: 'What is the unit cost of storefront-web last month?',
    kind: 'unit-cost',
    tags: ['relative-date'],
    expect: unitCost('component:default/storefront-web', OCT, 'requests', 1000),
  },
  {
    question: 'What does cart-service cost per active user?',
    kind: 'unit-cost',
    expect: unitCost('component:default/cart-service', LAST30, 'active_users'),
  },
  {
    question:
      'How has the cost per deployment of ci-runners trended over the last 3 months?',
    kind: 'unit-cost',
    tags: ['relative-date'],
    expect: unitCost(
      'component:default/ci-runners',
      { from: '2026-08-31', to: T },
      'deployments',
    ),
  },
  {
    question: "What is the checkout system's cost per order in October?",
    kind: 'unit-cost',
    expect: unitCost('system:default/checkout', OCT, 'orders'),
  },

  // forecast
  {
    question: 'What will checkout-api spend this month?',
    kind: 'forecast',
    context: { today: '2026-11-20' },
    expect: forecast('component:default/checkout-api', '2026-11-20'),
  },
  {
    question: 'What is the forecast for the ml-team this month?',
    kind: 'forecast',
    context: { today: '2026-11-20' },
    expect: forecast('group:default/ml-team', '2026-11-20'),
  },
  {
    question: 'Are we on track this month?',
    kind: 'forecast',
    tags: ['our'],
    context: { ...asCheckoutTeam, today: '2026-11-20' },
    expect: forecast(CHECKOUT_TEAM, '2026-11-20'),
  },
  {
    question: 'What will the organization spend by the end of the month?',
    kind: 'forecast',
    context: { today: '2026-11-20' },
    expect: forecast(null, '2026-11-20'),
  },
  {
    question: 'What is the projected month-end cost of storefront?',
    kind: 'forecast',
    context: { today: '2026-11-15' },
    expect: forecast('system:default/storefront', '2026-11-15'),
  },

  // who owns it
  {
    question: 'Who owns checkout-api-worker?',
    kind: 'owner',
    expect: owner(LAMBDA, LAST30, 'component:default/checkout-api'),
  },
  {
    question: `Who owns ${LAMBDA}?`,
    kind: 'owner',
    tags: ['resource-id'],
    expect: owner(LAMBDA, LAST30, 'component:default/checkout-api'),
  },
  {
    question: 'Who pays for orders-prod-primary?',
    kind: 'owner',
    expect: owner('orders-prod-primary', LAST30),
  },
  {
    question: `Who owns ${UNMAPPED_VM}?`,
    kind: 'owner',
    tags: ['unattributed'],
    expect: async r => ({
      period: LAST30,
      figures: [
        r.total(
          (await r.unattributed(LAST30.from, LAST30.to)).filter(
            x => x.resourceId === UNMAPPED_VM,
          ),
        ),
      ],
      says: [/No rule attributes/],
    }),
  },
  {
    question: 'Who owns the payments service?',
    kind: 'owner',
    tags: ['entity-owner'],
    expect: async r => ({
      figures: (await cost('component:default/payments-service', LAST30)(r))
        .figures,
      says: [/group:default\/checkout-team/],
    }),
  },

  // unattributed
  {
    question: 'What is unattributed this month?',
    kind: 'unattributed',
    expect: unattributed(MTD),
  },
  {
    question:
      'How much cost was unattributed last month and which suggestions would fix it?',
    kind: 'unattributed',
    tags: ['relative-date'],
    expect: unattributed(OCT),
  },
  {
    question: 'What AWS cost has no owner in October?',
    kind: 'unattributed',
    tags: ['provider'],
    expect: unattributed(OCT, x => x.provider === 'AWS'),
  },
  {
    question: 'What is our attribution coverage last week?',
    kind: 'unattributed',
    tags: ['relative-date'],
    expect: unattributed(LAST_WEEK),
  },

  // AI spend
  {
    question: 'What is our AI spend by model this month?',
    kind: 'ai-spend',
    expect: aiSpend(null, MTD),
  },
  {
    question: 'Which LLM model costs the most last month?',
    kind: 'ai-spend',
    tags: ['relative-date'],
    expect: aiSpend(null, OCT),
  },
  {
    question: 'What is the AI spend by feature in October?',
    kind: 'ai-spend',
    expect: aiSpend(null, OCT, 'feature'),
  },
  {
    question: 'How much does the assistant API spend on AI models this month?',
    kind: 'ai-spend',
    expect: aiSpend('component:default/assistant-api', MTD),
  },
  {
    question: "What is the ml-team's LLM spend last week?",
    kind: 'ai-spend',
    tags: ['relative-date'],
    expect: aiSpend('group:default/ml-team', LAST_WEEK),
  },

  // recommendations
  {
    question: 'What are our open recommendations?',
    kind: 'recommendations',
    tags: ['our'],
    context: asCheckoutTeam,
    expect: async r => recommendations(await team(r, CHECKOUT_TEAM))(r),
  },
  {
    question: 'How much could checkout-api save?',
    kind: 'recommendations',
    expect: async r =>
      recommendations(await team(r, 'component:default/checkout-api'))(r),
  },
  {
    question: 'Which open recommendations would save the most?',
    kind: 'recommendations',
    expect: recommendations(),
  },
  {
    question: 'What savings are open for the platform team?',
    kind: 'recommendations',
    expect: async r =>
      recommendations(await team(r, 'group:default/platform'))(r),
  },

  // what it must not guess at
  { question: 'What is the weather in Berlin?', kind: 'unsupported' },
  {
    question: 'What is our cost per user?',
    kind: 'unsupported',
    tags: ['our', 'wrong-unit'],
    context: asCheckoutTeam,
  },
  {
    question: 'What did frobnicator cost last month?',
    kind: 'unsupported',
    tags: ['unknown-name'],
  },
  { question: 'What is our budget for checkout?', kind: 'unsupported' },
  { question: 'Delete the checkout-api cost data', kind: 'unsupported' },
  { question: 'What will AWS cost next year?', kind: 'unsupported' },
  {
    question: 'How many engineers work on the checkout team?',
    kind: 'unsupported',
  },
  {
    question: 'What did the zorbatron team cost?',
    kind: 'unsupported',
    tags: ['unknown-name'],
  },
  { question: 'Tell me a joke about invoices', kind: 'unsupported' },
  {
    question: "'; DROP TABLE finops_allocations; --",
    kind: 'unsupported',
    tags: ['hostile'],
  },
  {
    question: 'What is the cost per order?',
    kind: 'unsupported',
    tags: ['no-entity'],
  },
];
