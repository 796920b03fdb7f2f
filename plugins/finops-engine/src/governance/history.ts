import { Clock, CurrencyTotals, eachMonth } from '../model';
import type { FactRow, StoredKpiValue } from '../stores';
import { ComputeDeps, computeMonth } from './compute';
import { monthTo } from './monthData';
import { ORGANIZATION } from './types';

/**
 * The detail key of the organization's stored values that holds the data
 * signature of their month: the month's fact count and, per currency, the
 * ingested total of each cost measure. It is not shown.
 */
export const SIGNATURE_KEY = 'dataSignature';

/** What the month's ingested data is: its fact count and its totals per currency. */
export function dataSignature(facts: FactRow[]): string {
  const sums = new CurrencyTotals();
  for (const f of facts) {
    const [billed, effective, list, contracted] = sums.of(f.currency);
    billed.addText(f.billedCost);
    effective.addText(f.effectiveCost);
    list.addText(f.listCost);
    contracted.addText(f.contractedCost);
  }
  const totals = [...new Set(facts.map(f => f.currency))].sort().map(
    c =>
      `${c} ${sums
        .of(c)
        .map(s => s.toString())
        .join('/')}`,
  );
  return [`${facts.length} facts`, ...totals].join('; ');
}

/**
 * Stores the KPIs of every month with data not stored yet, of the current
 * month (replaced on each run until it closes), and of each stored month
 * whose ingested data changed since it was stored (the last days of a month
 * arriving with the next, a restated bill, credits or tax after the month's
 * end). A month whose data did not change keeps its stored values however
 * the rules change: trends do not shift when rules do.
 */
export async function snapshotHistory(
  deps: ComputeDeps & { clock: Clock },
): Promise<{ months: string[] }> {
  // the facts' days: a month nothing is attributed in still has its KPIs
  const days = await deps.store.factDays();
  if (!days) return { months: [] };
  const stored = new Map<string, StoredKpiValue[]>();
  for (const v of await deps.store.history({ scopes: [ORGANIZATION] })) {
    const list = stored.get(v.month) ?? [];
    list.push(v);
    stored.set(v.month, list);
  }
  const current = days.last.slice(0, 7);
  const computedAt = deps.clock.now().toISOString();
  const months: string[] = [];
  for (const month of eachMonth(days.first, days.last)) {
    const facts = await deps.attributionStore.loadFacts({
      from: `${month}-01`,
      to: monthTo(month, days.last),
    });
    const signature = dataSignature(facts);
    const rows = stored.get(month);
    if (rows && month !== current) {
      const known = rows.find(r => SIGNATURE_KEY in r.detail)?.detail[
        SIGNATURE_KEY
      ];
      if (known === signature) continue;
      if (known === undefined) {
        // stored before signatures were kept: its values stay, its data is now known
        await deps.store.saveHistory(
          rows.map(r => ({
            ...r,
            detail: { ...r.detail, [SIGNATURE_KEY]: signature },
          })),
        );
        continue;
      }
    }
    const values: StoredKpiValue[] = [];
    for (const [scope, figures] of await computeMonth(
      deps,
      month,
      days.last,
      facts,
    ))
      for (const [kpi, f] of figures)
        values.push({
          scope,
          kpi,
          month,
          value: f.value,
          detail:
            scope === ORGANIZATION
              ? { ...f.detail, [SIGNATURE_KEY]: signature }
              : f.detail ?? {},
          ...(f.message ? { message: f.message } : {}),
          computedAt,
        });
    await deps.store.saveHistory(values);
    months.push(month);
  }
  return { months };
}

/** A stored value's detail as shown: without the data signature. */
export function shownDetail(
  detail: StoredKpiValue['detail'] | undefined,
): StoredKpiValue['detail'] | undefined {
  if (!detail) return undefined;
  const { [SIGNATURE_KEY]: _signature, ...rest } = detail;
  return Object.keys(rest).length ? rest : undefined;
}
