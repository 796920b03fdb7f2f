import type {
  AskDimension,
  AskIntent,
  CostMeasure,
} from '@costwise/plugin-finops-common';

/**
 * The kind of a question from its words, with the names it mentions
 * already replaced by a placeholder (so that `recommendation-api` is not a
 * question about recommendations). The first rule that matches wins;
 * `unsupported` when none does.
 */
const RULES: Array<[AskIntent, RegExp]> = [
  [
    'unattributed',
    /\bun(attributed|allocated|owned|mapped|tagged|assigned)\b|\bnot (attributed|allocated|mapped|tagged|assigned)\b|\bno owner\b|\bnobody owns\b|\bwithout (an? )?owners?\b|\b(attribution )?coverage\b/,
  ],
  [
    'owner',
    /\b(who|which team|what team|which entity|what entity)\s+(owns?|owned|is responsible for|was responsible for|pays? for|paid for|is charged for|gets charged for)\b|\bowners? of\b|\bwhose\b|\bwho does\b.*\bbelong to\b|\bwhy (is|are)\b.*\b(ours|mine|theirs|charged to|attributed to|assigned to|billed to)\b|\bbelongs? to (whom|which)\b/,
  ],
  [
    'recommendations',
    /\brecommendations?\b|\bsavings?\b|\bsave\b|\boptimi[sz](e|ation|ations)\b|\brightsiz/,
  ],
  [
    'forecast',
    /\bforecasts?\b|\bprojected\b|\bprojections?\b|\bwill\b.*\b(spend|cost|be|end up|land)\b|\bgoing to (spend|cost)\b|\bend of (the )?month\b|\bmonth[- ]end\b|\bexpect(ed)? to (spend|cost)\b|\bon track\b|\brun[- ]rate\b/,
  ],
  [
    'unit-cost',
    /\bunit[- ]costs?\b|\bcosts? per\b|\bspend per\b|\bper (user|order|request|customer|deployment|transaction|active|1k|thousand|million|unit|seat|call|session|token)s?\b|\bunit economics\b/,
  ],
  [
    'change',
    /\bwhy\b.*\b(spike|spiked|spikes|spiking|jump|jumped|increase|increased|rise|rose|go up|went up|gone up|grow|grew|growing|higher|more|change|changed|drop|dropped|decrease|decreased|fell|fall|go down|went down|lower|less|double|doubled|surge|surged)\b|\bwhat\b.*\b(caused|drove|is driving|drives|explains|is behind|was behind)\b.*\b(spike|jump|increase|rise|change|drop|decrease|growth|surge)\b|\b(driving|drove|behind|caused|causing|explains?)\b.*\b(increase|spike|growth|jump|rise|change|drop|surge)\b|\bspiked?\b|\bwhat changed\b|\b(got|gets|get|gotten|became|become|becoming|grown)\s+(more|less)\s+expensive\b|\b(increased|grew|rose|changed) the most\b|\bwhy (is|are|was|were)\b.*\b(high|higher|up|expensive|low|lower)\b/,
  ],
  [
    'compare',
    /\bcompare[sd]?\b|\bcomparison\b|\bversus\b|\bvs\b|\bdifference between\b|\b(more|less|cheaper|costlier|pricier|bigger|smaller)( expensive)? than\b|\bexpensive than\b/,
  ],
  [
    'ai-spend',
    /\b(ai|llm|llms|genai|gen ai|models?|tokens?|inference|gpt|claude)\b/,
  ],
  ['drivers', /\bdriv(e|es|ing|ers?)\b/],
  [
    'top',
    /\btop\b|\bmost expensive\b|\bbiggest\b|\blargest\b|\bhighest\b|\bcostliest\b|\b(costs?|spends?|spent|costing|spending) the most\b|\bmost (cost|spend|money)\b|\brank\b/,
  ],
  [
    'drivers',
    /\bmakes? up\b|\bbreak ?down\b|\bbreakdown\b|\bsplit\b|\bwhere does\b.*\b(go|come from)\b|\b(spent|spending|spend) on what\b|\bwhat (is|are|was|were)\b.*\b(spent|spending) on\b|\bcomposed\b|\bconsists?\b|\bby (service|resource|region|sku|account|provider|child|team|system|model|feature|component)s?\b/,
  ],
  [
    'cost',
    /\bhow much\b|\bcosts?\b|\bcosting\b|\bspend\b|\bspending\b|\bspent\b|\bbill(ed)?\b|\btotal\b|\bexpenses?\b|\bpaid\b|\bpay\b|\bcharged?\b|\b(tax|taxes|credits?|fees?)\b/,
  ],
];

/** Questions the engine will not guess at, whatever else they say. */
const OUT_OF_SCOPE =
  /\b(budgets?|anomal(y|ies)|delete|remove|create|update|set|change the|send|email|notify|next (year|quarter|week|month)|last (decade)|weather|engineers?|salar(y|ies)|headcount|stock|price of|prices next)\b/;

export function classifyIntent(masked: string): AskIntent {
  if (OUT_OF_SCOPE.test(masked)) return 'unsupported';
  for (const [intent, pattern] of RULES)
    if (pattern.test(masked)) return intent;
  return 'unsupported';
}

/** The measure a question names, if any. */
export function measureOf(text: string): CostMeasure | undefined {
  if (/\bamorti[sz]ed\b|\beffective cost\b/.test(text)) return 'EffectiveCost';
  if (/\bbilled\b|\binvoiced?\b|\bon the (bill|invoice)\b/.test(text))
    return 'BilledCost';
  if (/\blist (price|cost)s?\b|\bat list\b|\blist\b/.test(text))
    return 'ListCost';
  if (/\bcontracted\b/.test(text)) return 'ContractedCost';
  return undefined;
}

const CURRENCIES = [
  'usd',
  'eur',
  'gbp',
  'cad',
  'aud',
  'jpy',
  'chf',
  'inr',
  'sek',
  'nok',
  'dkk',
  'nzd',
  'sgd',
  'brl',
];

/** The currency a question asks for ("in EUR", "in euros"), if any. */
export function currencyOf(text: string): string | undefined {
  const code = new RegExp(`\\b(?:in|as)\\s+(${CURRENCIES.join('|')})\\b`).exec(
    text,
  );
  if (code) return code[1].toUpperCase();
  if (/\bin euros?\b/.test(text)) return 'EUR';
  if (/\bin (us )?dollars\b/.test(text)) return 'USD';
  if (/\bin (pounds|sterling)\b/.test(text)) return 'GBP';
  return undefined;
}

/** What a question asks to break cost down by, and the kind of entity it ranks. */
export function dimensionOf(
  text: string,
  /** Also a dimension merely named ("the 3 most expensive resources"), for rankings. */
  loose = false,
): { by: AskDimension; kind?: string } | undefined {
  const list: Array<[RegExp, AskDimension, string?]> = [
    [
      /\bmicro-?services?\b|\bcomponents?\b|\bapps?\b|\bapplications?\b/,
      'entity',
      'component',
    ],
    [/\bsub-?teams?\b|\bchild(ren)?\b/, 'child'],
    [/\bteams?\b|\bgroups?\b|\bsquads?\b/, 'entity', 'group'],
    [/\bsystems?\b/, 'entity', 'system'],
    [/\bdomains?\b/, 'entity', 'domain'],
    [/\bentit(y|ies)\b|\bowners\b/, 'entity'],
    [/\bfeatures?\b/, 'feature'],
    [/\bmodels?\b/, 'model'],
    [/\bskus?\b|\bmeters?\b/, 'sku'],
    [/\bregions?\b|\blocations?\b/, 'region'],
    [/\baccounts?\b|\bsubscriptions?\b|\bprojects?\b/, 'account'],
    [/\bproviders?\b|\bclouds?\b|\bvendors?\b/, 'provider'],
    [/\bcharge categor(y|ies)\b|\bcharge types?\b/, 'chargeCategory'],
    [/\bresources?\b|\binstances?\b|\bdatabases?\b|\bbuckets?\b/, 'resource'],
    [/\bservices?\b/, 'service'],
  ];
  // "by X" and "which X" say it most plainly
  const by =
    /\b(?:by|per|which|what|top \d+|top)\s+(?:of\s+(?:our|the|my|their|your)\s+)?([a-z-]+(?:\s+[a-z]+)?)/g;
  for (const m of text.matchAll(by))
    for (const [pattern, dimension, kind] of list)
      if (pattern.test(m[1])) return { by: dimension, kind };
  if (loose)
    for (const [pattern, dimension, kind] of list)
      if (pattern.test(text)) return { by: dimension, kind };
  return undefined;
}

const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** How many rows a question asks for ("top 3", "five biggest"). */
export function limitOf(text: string): number | undefined {
  const m =
    /\btop\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b/.exec(
      text,
    ) ??
    /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(most|biggest|largest|costliest|highest|main)\b/.exec(
      text,
    );
  if (!m)
    return /\b(which|what)\b.*\b(the most|most expensive|biggest|largest|highest|costliest)\b/.test(
      text,
    )
      ? 1
      : undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : SMALL[m[1]];
  return Math.max(1, Math.min(50, n));
}

/** Whether the question speaks of the asker's own team ("our", "my team", "we"). */
export function speaksOfOwnTeam(text: string): boolean {
  return /\b(our|ours|we|us|my team|my teams|mine|my)\b/.test(text);
}
