import type {
  AskFilter,
  AskIntent,
  AskQuery,
} from '@costwise/plugin-finops-common';
import { findDates } from './dates';
import {
  classifyIntent,
  currencyOf,
  dimensionOf,
  limitOf,
  measureOf,
  speaksOfOwnTeam,
} from './intent';
import { COMMON, KIND_WORDS, matchTerms, TermMatch } from './match';
import { blankOut, closeNames, masked, resolveEntity } from './names';
import { tokens } from './text';
import type { Vocabulary } from './vocabulary';
import { FILLER } from './filler';

/** What the parser knows besides the question. */
export interface ParseContext {
  today: string;
  vocabulary: Vocabulary;
  /** The entity whose page the question is asked on. */
  scopeRef?: string;
  /** The asker's groups, for "our" and "my team". */
  userGroups: string[];
}

/** A question turned into a query, or why it could not be. */
export type ParsedQuestion =
  | {
      supported: true;
      query: AskQuery;
      /** How names and "our" were read, said in the answer. */
      notes: string[];
      didYouMean?: string[];
    }
  | {
      supported: false;
      /** The kind of question it looked like, for the closest questions. */
      intent: AskIntent;
      reason: string;
      didYouMean?: string[];
      entityRef?: string;
    };

/**
 * Turns a question into the engine's query: its dates against `today`,
 * the catalog names it uses (typos corrected where one name is meant),
 * "our" as the asker's team, the measure, currency and dimension it asks
 * for, and what kind of question it is. A question it cannot read whole is
 * refused with the reason, never guessed at.
 */
export function parseQuestion(
  question: string,
  ctx: ParseContext,
): ParsedQuestion {
  const { mentions, rest } = findDates(question, ctx.today);
  // a day that is not one of the calendar is not read as some other period
  const badDay = /\b\d{4}-\d{2}-\d{2}\b/.exec(rest);
  if (badDay)
    return {
      supported: false,
      intent: 'unsupported',
      reason: `'${badDay[0]}' is not a day of the calendar.`,
    };
  const toks = tokens(blankOut(question, mentions));
  const matches = matchTerms(toks, ctx.vocabulary);
  const text = masked(question, toks, matches, mentions);
  const intent = classifyIntent(text);

  // words that are neither names, dates nor words of questions
  const covered = new Set<number>();
  for (const m of matches)
    for (let k = m.first; k <= m.last; k++) covered.add(k);
  const unknown = toks
    .filter(
      (t, i) =>
        !covered.has(i) &&
        !COMMON.has(t.word) &&
        !FILLER.has(t.word) &&
        !KIND_WORDS[t.word] &&
        !/^\d+$/.test(t.word),
    )
    .map(t => t.word);

  // entities, one per span, alternatives resolved
  const spans = new Map<string, TermMatch[]>();
  for (const m of matches.filter(x => x.term.kind === 'entity')) {
    const k = `${m.first}-${m.last}`;
    spans.set(k, [...(spans.get(k) ?? []), m]);
  }
  const notes: string[] = [];
  const didYouMean: string[] = [];
  const refs: string[] = [];
  for (const alternatives of spans.values()) {
    const { chosen, others, hinted } = resolveEntity(alternatives, toks);
    const written = question.slice(
      toks[chosen.first].start,
      toks[chosen.last].end,
    );
    if (chosen.distance > 0) {
      // a typo that reads as two names equally well is not guessed at
      const rivals = others.filter(o => o.distance === chosen.distance);
      if (rivals.length > 0)
        return {
          supported: false,
          intent,
          reason: `I don't know which entity '${written}' means.`,
          didYouMean: [chosen, ...rivals].map(r => r.term.value),
        };
      notes.push(`Reading '${written}' as ${chosen.term.value}.`);
      didYouMean.push(chosen.term.value);
    } else if (others.length > 0 && !hinted) {
      notes.push(
        `'${written}' is also the name of ${others
          .map(o => o.term.value)
          .join(', ')}; answering for ${chosen.term.value}.`,
      );
      didYouMean.push(...others.map(o => o.term.value));
    }
    if (!refs.includes(chosen.term.value)) refs.push(chosen.term.value);
  }

  if (intent === 'unsupported')
    return {
      supported: false,
      intent,
      reason: "I can't answer that yet.",
      entityRef: refs[0],
    };
  if (unknown.length > 0) {
    const near = unknown.flatMap(w => closeNames(w, ctx.vocabulary));
    return {
      supported: false,
      intent,
      reason: `I don't know '${unknown[0]}': it is not the name of an entity in the catalog, nor a service, provider, account, region or model of the cost data.`,
      didYouMean: near.length > 0 ? [...new Set(near)] : undefined,
      entityRef: refs[0],
    };
  }

  // a name of the cost data that stands for several (two models of one family) is not guessed at
  const others = new Map<string, Set<string>>();
  for (const m of matches.filter(x => x.term.kind !== 'entity')) {
    const k = `${m.first}-${m.last}-${m.term.kind}`;
    others.set(k, new Set([...(others.get(k) ?? []), m.term.value]));
  }
  for (const [k, values] of others)
    if (values.size > 1) {
      const [first, last] = k.split('-').map(Number);
      return {
        supported: false,
        intent,
        reason: `'${question.slice(
          toks[first].start,
          toks[last].end,
        )}' may mean ${[...values].join(' or ')}: name one.`,
        didYouMean: [...values],
      };
    }

  const filter: AskFilter = {};
  let resource: string | undefined;
  for (const m of matches) {
    const { kind, value } = m.term;
    if (kind === 'provider') filter.provider ??= value;
    if (kind === 'service') filter.service ??= value;
    if (kind === 'region') filter.region ??= value;
    if (kind === 'account') filter.account ??= value;
    if (kind === 'model') filter.model ??= value;
    if (kind === 'resource') resource ??= value;
    if (m.distance > 0 && kind !== 'entity')
      notes.push(
        `Reading '${question.slice(
          toks[m.first].start,
          toks[m.last].end,
        )}' as ${value}.`,
      );
  }
  if (/\b(credits?)\b/.test(text)) filter.chargeCategory = 'Credit';
  if (/\btax(es)?\b/.test(text) && !filter.service)
    filter.chargeCategory = 'Tax';

  // "our": the entity asked on, else the asker's team
  const ours = speaksOfOwnTeam(text);
  let entityRef: string | undefined = refs[0];
  let compareWith = refs.slice(1);
  if (!entityRef && ctx.scopeRef) entityRef = ctx.scopeRef;
  else if (ours && ctx.userGroups.length > 0) {
    const team = ctx.scopeRef ?? ctx.userGroups[0];
    if (!entityRef) entityRef = team;
    else if (intent === 'compare' && entityRef !== team) {
      compareWith = [entityRef, ...compareWith];
      entityRef = team;
    }
    if (!ctx.scopeRef && refs.length === 0)
      notes.push(`"Our" is read as ${team}.`);
  }

  // unattributed cost is nobody's: "our" and a page's entity do not narrow it
  if (intent === 'unattributed') {
    entityRef = undefined;
    compareWith = [];
    for (let i = notes.length - 1; i >= 0; i--)
      if (notes[i].startsWith('"Our"')) notes.splice(i, 1);
  }
  const dates = mentions;
  const query: AskQuery = { intent: intent as AskQuery['intent'] };
  if (entityRef) query.entityRef = entityRef;
  const measure = measureOf(text);
  if (measure) query.measure = measure;
  const currency = currencyOf(text);
  if (currency) query.currency = currency;
  if (Object.keys(filter).length > 0) query.filter = filter;
  const dimension = dimensionOf(
    text,
    intent === 'top' || intent === 'ai-spend',
  );
  const limit = limitOf(text);
  if (limit) query.limit = limit;

  const first = dates[0];
  switch (intent) {
    case 'change': {
      const single = dates.find(d => d.day && !d.parts);
      const ranges = dates.flatMap(d => (d.parts ? d.parts : [d]));
      if (single && ranges.length === 1) query.day = single.from;
      else if (ranges.length >= 2) {
        const [a, b] = [...ranges].sort((x, y) => x.from.localeCompare(y.from));
        query.baseline = { from: a.from, to: a.to };
        query.period = { from: b.from, to: b.to };
      } else if (first) {
        query.period = { from: first.from, to: first.to };
        if (/\bspik/.test(text)) query.spike = true;
      } else if (/\bspik|\bjump/.test(text)) query.spike = true;
      if (dimension) {
        query.by = dimension.by;
        if (dimension.kind) query.kind = dimension.kind;
      }
      break;
    }
    case 'compare': {
      const ranges = dates.flatMap(d => (d.parts ? d.parts : [d]));
      if (compareWith.length > 0) {
        query.compareWith = compareWith;
        if (first) query.period = { from: first.from, to: first.to };
      } else if (ranges.length >= 2) {
        const [a, b] = [...ranges].sort((x, y) => x.from.localeCompare(y.from));
        query.baseline = { from: a.from, to: a.to };
        query.period = { from: b.from, to: b.to };
      } else if (ranges.length === 1) {
        const before = question.slice(0, ranges[0].start).toLowerCase();
        // "vs last month": the month to date against it
        if (/\b(vs\.?|versus|compared (to|with)|than|against)\s*$/.test(before))
          query.baseline = { from: ranges[0].from, to: ranges[0].to };
        // "this month compared with the one before"
        else query.period = { from: ranges[0].from, to: ranges[0].to };
      } else
        return {
          supported: false,
          intent,
          reason:
            'Name two entities ("checkout vs storefront") or two periods ("this month vs last month") to compare.',
          entityRef,
        };
      break;
    }
    case 'owner':
      if (resource) query.resource = resource;
      else if (!refs[0])
        return {
          supported: false,
          intent,
          reason:
            'Name the resource (its id or name) or the entity whose owner you want to know.',
        };
      else query.entityRef = refs[0];
      if (first) query.period = { from: first.from, to: first.to };
      break;
    case 'unit-cost': {
      const unit =
        /\bper\s+(?:1k\s+|1,?000\s+|thousand\s+|million\s+|active\s+)?([a-z]+)/.exec(
          text,
        )?.[1];
      if (unit && !['unit', 'zname', 'zdate'].includes(unit)) query.unit = unit;
      if (!entityRef)
        return {
          supported: false,
          intent,
          reason:
            'Unit cost is per entity: name the entity or team (or ask on its page).',
        };
      if (first) query.period = { from: first.from, to: first.to };
      break;
    }
    default:
      if (first) query.period = { from: first.from, to: first.to };
      if (dimension) {
        query.by = dimension.by;
        if (dimension.kind) query.kind = dimension.kind;
      }
      if (intent === 'top' && !dimension) query.by = 'service';
      if (intent === 'ai-spend' && !dimension) query.by = 'model';
  }
  if (resource && intent !== 'owner') {
    filter.resource = resource;
    query.filter = filter;
  }
  return {
    supported: true,
    query,
    notes,
    ...(didYouMean.length > 0 ? { didYouMean } : {}),
  };
}
