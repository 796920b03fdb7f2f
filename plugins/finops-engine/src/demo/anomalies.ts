import { dayString } from './focusCsv';
import { placementSeries, Series } from './series';
import type { DemoMapping } from './types';

/** A deliberate irregularity in the demo data, for checking anomaly views against. @public */
export interface DemoAnomaly {
  kind: 'spike' | 'new-resource';
  entity: string;
  resourceId?: string;
  subAccountId?: string;
  /** First (or only) day affected, YYYY-MM-DD. */
  day: string;
  /** Days between that day and the last day of the data (0 = the last day). */
  offset: number;
  /** Usage multiplier on the spike day. */
  factor?: number;
  description: string;
}

const THURSDAY = 4;
const dayOfWeek = (day: number) => (day + 4) % 7; // 1970-01-01 was a Thursday

/** The latest Thursday at least three days before the end: "why did our costs spike on Thursday?" */
function recentThursday(end: number): number {
  let day = end - 3;
  while (dayOfWeek(day) !== THURSDAY) day--;
  return day;
}

/**
 * Adds the anomalies to the series: a one-day spike of a service's function,
 * a one-day burst of LLM tokens, and an expensive GPU endpoint that appears
 * shortly before the end and stays. Entities missing from the mapping are skipped.
 */
export function applyAnomalies(
  seed: number,
  series: Series[],
  mapping: DemoMapping,
  start: number,
  end: number,
): DemoAnomaly[] {
  const anomalies: DemoAnomaly[] = [];

  const lambda =
    series.find(
      s =>
        s.entity === 'component:default/checkout-api' &&
        s.serviceName === 'AWS Lambda',
    ) ??
    series.find(s => s.origin === 'tags' && s.serviceName === 'AWS Lambda');
  const spikeDay = recentThursday(end);
  if (lambda && spikeDay >= start) {
    const factor = 8;
    for (const s of series)
      if (s.resourceId === lambda.resourceId)
        s.spike = { day: spikeDay, factor };
    anomalies.push({
      kind: 'spike',
      entity: lambda.entity!,
      resourceId: lambda.resourceId,
      day: dayString(spikeDay),
      offset: end - spikeDay,
      factor,
      description: `${lambda.serviceName} usage of ${lambda.resourceName} ×${factor} for one day (a retry storm)`,
    });
  }

  const llm =
    mapping.llm.find(
      l => l.entity === 'component:default/product-copy-generator',
    ) ?? mapping.llm[0];
  const burstDay = end - 20;
  if (llm && burstDay >= start) {
    const factor = 6;
    for (const s of series)
      if (s.origin === 'llm' && s.subAccountId === llm.project)
        s.spike = { day: burstDay, factor };
    anomalies.push({
      kind: 'spike',
      entity: llm.entity,
      subAccountId: llm.project,
      day: dayString(burstDay),
      offset: end - burstDay,
      factor,
      description: `${llm.provider} tokens of project ${llm.project} ×${factor} for one day (a bulk regeneration)`,
    });
  }

  const owner =
    mapping.tags.find(
      t => t.entity === 'component:default/similar-items-model',
    ) ?? mapping.tags.find(t => t.provider === 'AWS');
  const firstDay = Math.max(start, end - 9);
  if (owner) {
    const slug = owner.tags.model ?? owner.tags.application ?? 'ml';
    const resourceId = `arn:aws:sagemaker:${owner.region}:${owner.subAccount}:endpoint/${slug}-gpu-eval`;
    const gpu = placementSeries(
      seed,
      {
        provider: 'AWS',
        service: 'Amazon SageMaker',
        serviceCategory: 'AI and Machine Learning',
        region: owner.region,
        subAccount: owner.subAccount,
        resourceId,
      },
      {
        origin: 'tags',
        entity: owner.entity,
        tags: owner.tags,
        firstDay,
        meters: [
          {
            meter: 'Host:ml.p3.2xlarge',
            unit: 'Hours',
            price: '4.284',
            daily: 24,
            pattern: 'hours',
          },
        ],
      },
    );
    series.push(...gpu);
    anomalies.push({
      kind: 'new-resource',
      entity: owner.entity,
      resourceId,
      day: dayString(firstDay),
      offset: end - firstDay,
      description:
        'a new ml.p3.2xlarge SageMaker endpoint (4.284 USD/hour list) runs around the clock from this day on',
    });
  }
  return anomalies;
}
