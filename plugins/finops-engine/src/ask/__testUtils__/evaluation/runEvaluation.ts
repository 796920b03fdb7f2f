import {
  AskAnswer,
  AskIntent,
  AskPeriod,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { AskContext, AskEngine } from '../../AskEngine';
import type { Reference } from './reference';

/** What a supported question's answer must hold, computed by the reference. */
export interface Expected {
  period?: AskPeriod;
  /** The first figures' amounts in order (and entity, where given). */
  figures?: Array<
    Decimal | string | { amount: Decimal | string; entity?: string | null }
  >;
  /** The first breakdown row. */
  first?: {
    key?: string;
    amount?: Decimal | string;
    change?: Decimal | string;
  };
  /** An entity the answer says it read a typo as. */
  didYouMean?: string;
  /** Words the sentence must contain (a day, a driver's name). */
  says?: RegExp[];
}

/** One question of the evaluation. */
export interface EvalCase {
  question: string;
  /** The kind it is (its intent), or `unsupported` for one that must be refused. */
  kind: AskIntent;
  /** Cross-cutting traits: `typo`, `relative-date`, `our`, `measure`, `page-scope`, ... */
  tags?: string[];
  context?: AskContext;
  /** The expected figures, computed independently; none for a refusal. */
  expect?: (ref: Reference) => Promise<Expected>;
}

/** How one question was answered. */
export interface EvalResult {
  question: string;
  kind: AskIntent;
  tags: string[];
  /** Answered with every expected figure exactly (or, for `unsupported`, refused). */
  ok: boolean;
  refused: boolean;
  problems: string[];
  ms: number;
  answer?: AskAnswer;
}

const amountOf = (e: NonNullable<Expected['figures']>[number]) =>
  typeof e === 'string' || e instanceof Decimal ? e : e.amount;
const same = (a: Decimal | string, b: string | null | undefined) =>
  b !== null &&
  b !== undefined &&
  Decimal.parse(String(a)).equals(Decimal.parse(b));

/** Checks an answer against its expectation; the list of what differs. */
export function check(
  answer: AskAnswer,
  kind: AskIntent,
  expected?: Expected,
): string[] {
  const problems: string[] = [];
  if (kind === 'unsupported') {
    if (answer.supported)
      problems.push(
        `answered (${answer.intent}) instead of refusing: ${answer.answer}`,
      );
    return problems;
  }
  if (!answer.supported) return [`refused: ${answer.answer}`];
  if (answer.intent !== kind)
    problems.push(`intent ${answer.intent}, expected ${kind}`);
  if (!expected) return problems;
  if (
    expected.period &&
    (answer.period?.from !== expected.period.from ||
      answer.period?.to !== expected.period.to)
  )
    problems.push(
      `period ${JSON.stringify(answer.period)}, expected ${JSON.stringify(
        expected.period,
      )}`,
    );
  (expected.figures ?? []).forEach((e, i) => {
    const got = answer.figures[i];
    if (!got || !same(amountOf(e), got.amount))
      problems.push(
        `figure ${i} ${got?.amount}, expected ${String(amountOf(e))}`,
      );
    if (
      typeof e === 'object' &&
      !(e instanceof Decimal) &&
      e.entity !== undefined &&
      got?.entity !== e.entity
    )
      problems.push(`figure ${i} entity ${got?.entity}, expected ${e.entity}`);
  });
  const first = answer.breakdown[0];
  if (expected.first) {
    if (expected.first.key !== undefined && first?.key !== expected.first.key)
      problems.push(`first row ${first?.key}, expected ${expected.first.key}`);
    if (
      expected.first.amount !== undefined &&
      !same(expected.first.amount, first?.amount)
    )
      problems.push(
        `first row amount ${first?.amount}, expected ${String(
          expected.first.amount,
        )}`,
      );
    if (
      expected.first.change !== undefined &&
      !same(expected.first.change, first?.change)
    )
      problems.push(
        `first row change ${first?.change}, expected ${String(
          expected.first.change,
        )}`,
      );
  }
  if (expected.didYouMean && !answer.didYouMean?.includes(expected.didYouMean))
    problems.push(
      `did you mean ${JSON.stringify(answer.didYouMean)}, expected ${
        expected.didYouMean
      }`,
    );
  for (const pattern of expected.says ?? [])
    if (!pattern.test(answer.answer))
      problems.push(`the answer does not say ${pattern}: ${answer.answer}`);
  return problems;
}

/** Asks every question and checks its answer against the reference's figures. */
export async function runEvaluation(
  engine: AskEngine,
  reference: Reference,
  cases: EvalCase[],
): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const c of cases) {
    const started = Date.now();
    let answer: AskAnswer | undefined;
    let problems: string[];
    try {
      answer = await engine.ask(c.question, c.context ?? {});
      const ms = Date.now() - started;
      const expected =
        c.kind !== 'unsupported' && c.expect
          ? await c.expect(reference)
          : undefined;
      problems = check(answer, c.kind, expected);
      results.push({
        question: c.question,
        kind: c.kind,
        tags: c.tags ?? [],
        ok: problems.length === 0,
        refused: !answer.supported,
        problems,
        ms,
        answer,
      });
    } catch (error) {
      results.push({
        question: c.question,
        kind: c.kind,
        tags: c.tags ?? [],
        ok: false,
        refused: false,
        problems: [`threw ${(error as Error).message}`],
        ms: Date.now() - started,
      });
    }
  }
  return results;
}

/** Per kind and per tag: questions to answer and answered exactly, questions to refuse and refused. */
export function summarize(results: EvalResult[]) {
  const rows = new Map<
    string,
    { answerable: number; exact: number; unanswerable: number; refused: number }
  >();
  const add = (key: string, r: EvalResult) => {
    const row = rows.get(key) ?? {
      answerable: 0,
      exact: 0,
      unanswerable: 0,
      refused: 0,
    };
    if (r.kind === 'unsupported') {
      row.unanswerable++;
      if (r.ok) row.refused++;
    } else {
      row.answerable++;
      if (r.ok) row.exact++;
    }
    rows.set(key, row);
  };
  for (const r of results) {
    add(`kind ${r.kind}`, r);
    for (const t of r.tags) add(`tag ${t}`, r);
    add('all', r);
  }
  return rows;
}

/** The summary as a table, with every question that was not answered exactly. */
export function formatSummary(title: string, results: EvalResult[]): string {
  const rows = summarize(results);
  const pct = (n: number, d: number) =>
    d === 0 ? '-' : `${n}/${d} ${((100 * n) / d).toFixed(1)}%`;
  const lines = [
    title,
    `${'questions'.padEnd(24)} ${'answered exactly'.padStart(
      20,
    )} ${'refused honestly'.padStart(20)}`,
  ];
  const keys = [...[...rows.keys()].filter(k => k !== 'all').sort(), 'all'];
  for (const key of keys) {
    const r = rows.get(key)!;
    lines.push(
      `${key.padEnd(24)} ${pct(r.exact, r.answerable).padStart(20)} ${pct(
        r.refused,
        r.unanswerable,
      ).padStart(20)}`,
    );
  }
  for (const r of results.filter(x => !x.ok))
    lines.push(`  NOT EXACT: ${r.question}: ${r.problems.join('; ')}`);
  return lines.join('\n');
}
