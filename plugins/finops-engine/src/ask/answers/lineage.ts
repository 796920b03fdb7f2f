import type {
  AskEvidenceLink,
  AttributionEvidence,
} from '@costwise/plugin-finops-common';
import type { StoredEvidence } from '../../stores';
import type { AskGroup } from '../data/dimensions';

/** Where the `/explain` view of a fact group's attribution is. */
export function explainHref(
  group: Pick<AskGroup, 'id' | 'resourceId'>,
): string {
  return group.resourceId
    ? `/api/finops/explain?resourceId=${encodeURIComponent(group.resourceId)}`
    : `/api/finops/explain?groupId=${encodeURIComponent(group.id)}`;
}

function matchedWords(matched: Record<string, string>): string {
  return Object.entries(matched)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Why an amount went where it did, in words. */
export function evidenceWords(e: AttributionEvidence): string {
  const on = `${e.annotation ?? 'the rule'} of ${e.entityRef}`;
  switch (e.method) {
    case 'resource-id':
      return `its resource id matches ${on} ('${e.selector}')`;
    case 'override':
      return `an administrator's override rule${
        e.ruleId ? ` (${e.ruleId})` : ''
      } assigns it to ${e.entityRef}`;
    case 'tags':
      return `its tags ${matchedWords(e.matched)} match ${on} ('${
        e.selector
      }')`;
    case 'kubernetes':
      return `its Kubernetes workload ${matchedWords(
        e.matched,
      )} matches ${on} ('${e.selector}')`;
    case 'llm':
      return `its LLM project ${matchedWords(e.matched)} matches ${on} ('${
        e.selector
      }')`;
    case 'accounts':
      return `its account ${matchedWords(e.matched)} is claimed by ${on} ('${
        e.selector
      }')`;
    case 'inference':
      return `its ${matchedWords(e.matched)} resembles ${
        e.entityRef
      } (inferred, confidence ${e.confidence})`;
    case 'shared':
      return `it is shared by ${
        e.source?.entityRef ?? 'a shared Resource'
      } under the policy '${e.selector}'${e.note ? ` (${e.note})` : ''}`;
    default:
      return `${e.method} rule of ${e.entityRef}`;
  }
}

/** Evidence links for the answer's lineage: one per fact group, entity and method. */
export function evidenceLinks(
  evidence: StoredEvidence[],
  groups: Map<string, AskGroup>,
  limit = 10,
): AskEvidenceLink[] {
  const out: AskEvidenceLink[] = [];
  const seen = new Set<string>();
  for (const e of evidence) {
    const group = groups.get(e.groupId);
    if (!group) continue;
    const k = `${e.groupId}|${e.entityRef}|${e.method}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({
      label: `${
        group.resourceName ?? group.resourceId ?? group.serviceName
      } → ${e.entityRef}: ${evidenceWords(e.evidence)}`,
      entityRef: e.entityRef,
      method: e.method,
      ...(e.evidence.annotation ? { annotation: e.evidence.annotation } : {}),
      ...(e.evidence.selector ? { selector: e.evidence.selector } : {}),
      confidence: e.evidence.confidence,
      href: explainHref(group),
    });
    if (out.length >= limit) break;
  }
  return out;
}
