import type {
  AnomalyNewResource,
  AnomalyRootCause,
  AnomalyUsagePrice,
} from '@costwise/plugin-finops-common';
import { Decimal } from '@costwise/plugin-finops-common';

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** `Thursday 2026-11-26`. @public */
export function dayWithWeekday(day: string): string {
  return `${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]} ${day}`;
}

/** An exact amount to the cent with thousands separators and the currency: `1,234.56 USD`. @public */
export function formatAmount(amount: string, currency: string): string {
  const [whole, fraction] = Decimal.parse(amount).toFixed(2).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${fraction} ${currency}`;
}

/** An entity ref as people say it: its name, with the namespace when not `default`. */
export function entityName(ref: string): string {
  const [, rest = ref] = ref.split(':');
  const [namespace, name] = rest.includes('/')
    ? rest.split('/')
    : ['default', rest];
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

const DIMENSION_WORDS: Record<AnomalyRootCause['dimension'], string> = {
  service: 'service',
  resource: 'resource',
  region: 'region',
  sku: 'SKU',
  account: 'account',
  chargeCategory: 'charge category',
  entity: 'member',
};

/** One sentence: what rose, by how much against what, and why. */
export function describeAnomaly(a: {
  entityRef: string;
  scope: 'entity' | 'resource';
  resourceId: string | null;
  resourceName?: string;
  serviceName?: string;
  currency: string;
  days: string[];
  weeks: number;
  expected: string;
  actual: string;
  impact: string;
  rootCauses: AnomalyRootCause[];
  newResources: AnomalyNewResource[];
  usageVsPrice?: AnomalyUsagePrice;
}): string {
  const m = (amount: string) => formatAmount(amount, a.currency);
  const subject =
    a.scope === 'resource'
      ? `${a.serviceName ?? 'A resource'} ${
          a.resourceId ?? a.resourceName ?? 'line'
        } of ${entityName(a.entityRef)}`
      : entityName(a.entityRef);
  const first = a.days[0];
  const last = a.days[a.days.length - 1];
  const when =
    a.days.length === 1
      ? `on ${dayWithWeekday(first)}`
      : `on ${a.days.length} days from ${dayWithWeekday(
          first,
        )} to ${dayWithWeekday(last)}`;
  const expected = Decimal.parse(a.expected);
  const impact = Decimal.parse(a.impact);
  const percent =
    expected.compare(Decimal.ZERO) > 0
      ? ` (+${Math.round((impact.toNumber() / expected.toNumber()) * 100)}%)`
      : '';
  let text = `${subject} cost ${m(a.actual)} ${when}, ${m(
    a.impact,
  )}${percent} more than the ${m(a.expected)} expected from the same weekday${
    a.days.length === 1 ? '' : 's'
  } of the previous ${a.weeks} weeks`;
  const causes = a.rootCauses
    .filter(c => a.scope === 'entity' || c.dimension !== 'sku')
    .slice(0, 2)
    .map(
      c =>
        `${DIMENSION_WORDS[c.dimension]} ${c.value} (+${m(c.contribution)}${
          c.new ? ', new' : ''
        })`,
    );
  if (a.scope === 'entity' && causes.length > 0)
    text += `; most of the rise is ${causes.join(' and ')}`;
  text += '.';
  if (a.newResources.length > 0 && a.scope === 'entity') {
    const [top] = a.newResources;
    text += ` New: ${top.service} ${top.resourceId} (${m(top.cost)})${
      a.newResources.length > 1
        ? ` and ${a.newResources.length - 1} more resource${
            a.newResources.length > 2 ? 's' : ''
          }`
        : ''
    }.`;
  }
  const split = a.usageVsPrice;
  if (split) {
    const usage = Number(split.usage);
    const price = Number(split.price);
    const change = Math.abs(usage) + Math.abs(price);
    if (change >= Math.abs(impact.toNumber()) * 0.1) {
      const signed = (n: number) => `${n >= 0 ? '+' : ''}${m(n.toFixed(2))}`;
      let verdict = '';
      if (usage > 0 && usage >= Math.abs(price) * 3)
        verdict = ': the usage rose, not the price';
      else if (price > 0 && price >= Math.abs(usage) * 3)
        verdict = ': the price rose, not the usage';
      text += ` On the lines with quantities: usage ${signed(
        usage,
      )}, unit prices ${signed(price)}${verdict}.`;
    }
  }
  return text;
}
