import {
  Decimal,
  type AskAnomalyRef,
  type AskAnswer,
  type AskEvidenceLink,
  type AskIntent,
  type AskQuery,
  type CostMeasure,
} from '@costwise/plugin-finops-common';
import { answerChange } from './answers/change';
import { AnswerContext, AnswerParts, labelOf } from './answers/context';
import { answerAiSpend, answerCost, answerDrivers } from './answers/cost';
import { answerForecast, answerUnitCost } from './answers/estimates';
import { evidenceLinks } from './answers/lineage';
import { answerOwner } from './answers/owner';
import { answerRecommendations, answerUnattributed } from './answers/backlog';
import { answerCompare, answerTop } from './answers/top';
import { closestQuestions, followUps } from './suggestions';

/** Runs a validated query. */
export function answerQuery(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  switch (query.intent) {
    case 'cost':
      return answerCost(ctx, query);
    case 'drivers':
      return answerDrivers(ctx, query);
    case 'change':
      return answerChange(ctx, query);
    case 'top':
      return answerTop(ctx, query);
    case 'compare':
      return answerCompare(ctx, query);
    case 'unit-cost':
      return answerUnitCost(ctx, query);
    case 'forecast':
      return answerForecast(ctx, query);
    case 'owner':
      return answerOwner(ctx, query);
    case 'unattributed':
      return answerUnattributed(ctx, query);
    case 'ai-spend':
      return answerAiSpend(ctx, query);
    case 'recommendations':
    default:
      return answerRecommendations(ctx, query);
  }
}

/** The evidence behind an answer, from the entities the asker may read. */
async function evidenceOf(
  ctx: AnswerContext,
  parts: AnswerParts,
): Promise<AskEvidenceLink[]> {
  const groupIds = parts.evidenceGroups?.slice(0, 50);
  const entityRefs = parts.evidenceEntities?.slice(0, 10);
  if (!groupIds?.length && !entityRefs?.length) return [];
  let evidence = await ctx.store.evidence(
    groupIds?.length ? { groupIds } : { entityRefs },
  );
  if (entityRefs?.length && !groupIds?.length)
    evidence = evidence.slice(0, 200);
  // only the evidence of the entities in scope
  const members = parts.scope?.ref ? parts.scope.members : undefined;
  if (members) evidence = evidence.filter(e => members.has(e.entityRef));
  if (ctx.viewer) {
    const readable = await ctx.viewer.readable([
      ...new Set(evidence.map(e => e.entityRef)),
    ]);
    evidence = evidence.filter(e => readable.has(e.entityRef));
  }
  // the groups the answer names first
  if (groupIds?.length) {
    const rank = new Map(groupIds.map((id, i) => [id, i]));
    evidence.sort(
      (a, b) => (rank.get(a.groupId) ?? 0) - (rank.get(b.groupId) ?? 0),
    );
  }
  const groups = await ctx.reads.groups.byIds(evidence.map(e => e.groupId));
  return evidenceLinks(evidence, groups, 10);
}

/**
 * The anomalies detected in a change's period on the entity asked about or
 * its members (those the asker may read), largest impact first.
 */
async function anomaliesOf(
  ctx: AnswerContext,
  parts: AnswerParts,
  intent: AskIntent,
  measure: CostMeasure,
): Promise<AskAnomalyRef[]> {
  if (!ctx.anomalies || intent !== 'change' || !parts.period) return [];
  if (!parts.scope?.ref) return [];
  const refs = [...parts.scope.members.keys(), parts.scope.ref];
  const found = await ctx.anomalies.list({
    entityRefs: [...new Set(refs)],
    from: parts.period.from,
    to: parts.period.to,
  });
  return found
    .filter(a => a.measure === measure && a.status !== 'not-anomaly')
    .sort(
      (a, b) =>
        Decimal.parse(b.impact).compare(Decimal.parse(a.impact)) ||
        a.id.localeCompare(b.id),
    )
    .map(a => ({
      id: a.id,
      entityRef: a.entityRef,
      day: a.day,
      lastDay: a.lastDay,
      impact: a.impact,
      currency: a.currency,
      status: a.status,
      explanation: a.explanation,
    }));
}

/** "Costwise detected it as an anomaly of checkout-api on 2026-11-26 (+178.90 USD, new)." */
function anomalySentence(
  ctx: AnswerContext,
  anomalies: AskAnomalyRef[],
): string {
  const [first] = anomalies;
  if (!first) return '';
  const days =
    first.day === first.lastDay
      ? first.day
      : `${first.day} to ${first.lastDay}`;
  const more = anomalies.length > 1 ? ` and ${anomalies.length - 1} more` : '';
  return ` Costwise detected it as an anomaly of ${labelOf(
    ctx.entities,
    first.entityRef,
  )} on ${days} (+${first.impact} ${first.currency}, ${first.status.replace(
    '-',
    ' ',
  )})${more}.`;
}

/** The answer as returned: the parts, with freshness, lineage and follow-up questions. */
export async function wrapAnswer(
  ctx: AnswerContext,
  parts: AnswerParts,
  info: {
    question: string;
    intent: AskIntent;
    measure: CostMeasure;
    parsedBy: 'engine' | 'model';
    notes?: string[];
    didYouMean?: string[];
  },
): Promise<AskAnswer> {
  if (parts.unsupported) {
    const entity = parts.scope?.ref
      ? ctx.entities.get(parts.scope.ref)
      : undefined;
    return {
      question: info.question,
      intent: 'unsupported',
      answer: `I can't answer that yet. ${parts.unsupported}`,
      period: null,
      figures: [],
      breakdown: [],
      freshness: await ctx.store.freshness(),
      today: ctx.today,
      lineage: null,
      supported: false,
      suggestions: closestQuestions(info.question, info.intent, {
        entity: entity?.metadata.name,
        unitMetric:
          !!entity?.metadata.annotations?.['costwise.dev/unit-metric'],
        admin: ctx.reads.canReadUnattributed,
      }),
    };
  }
  const [freshness, runId, evidence, anomalies] = await Promise.all([
    ctx.store.freshness(),
    ctx.store.latestRunId(),
    evidenceOf(ctx, parts),
    anomaliesOf(ctx, parts, info.intent, info.measure),
  ]);
  const scopeEntity = parts.scope?.ref
    ? ctx.entities.get(parts.scope.ref)
    : undefined;
  const notes = info.notes?.length ? `${info.notes.join(' ')} ` : '';
  return {
    question: info.question,
    intent: info.intent,
    answer: `${notes}${parts.answer}${anomalySentence(ctx, anomalies)}`,
    ...(anomalies.length ? { anomalies } : {}),
    period: parts.period,
    figures: parts.figures,
    breakdown: parts.breakdown,
    ...(parts.breakdownBy ? { breakdownBy: parts.breakdownBy } : {}),
    ...(parts.sections?.length ? { sections: parts.sections } : {}),
    ...(parts.chart ? { chart: parts.chart } : {}),
    freshness,
    today: ctx.today,
    lineage: {
      measure: info.measure,
      currency: parts.currency,
      attributionRunId: runId ?? null,
      sources: parts.sources,
      scope: {
        entityRef: parts.scope?.ref ?? null,
        members: parts.scope?.ref ? parts.scope.members.size : 0,
        hiddenMembers: parts.scope?.hidden ?? 0,
      },
      evidence,
      query: parts.query,
      parsedBy: info.parsedBy,
      phrasedBy: 'engine',
    },
    supported: true,
    suggestions: followUps(info.intent, {
      entity: scopeEntity?.metadata.name,
      unitMetric:
        !!scopeEntity?.metadata.annotations?.['costwise.dev/unit-metric'],
      admin: ctx.reads.canReadUnattributed,
    }),
    ...(info.didYouMean?.length ? { didYouMean: info.didYouMean } : {}),
  };
}
