/**
 * The shape of `examples/demo-mapping.json`: for each mapped catalog entity,
 * the concrete cloud identifiers that land on it.
 */

/** Where a generated cloud resource lives. @public */
export interface DemoCloudPlacement {
  provider: string;
  service: string;
  serviceCategory: string;
  region: string;
  subAccount: string;
  resourceId: string;
}

/** A resource claimed by an explicit resource-id annotation. @public */
export interface DemoResourceIdEntry extends DemoCloudPlacement {
  entity: string;
}

/** A resource that lands on its entity through its tags. @public */
export interface DemoTagEntry extends DemoCloudPlacement {
  entity: string;
  tags: Record<string, string>;
}

/** Untagged spend in a sub account owned as a whole by an entity. @public */
export interface DemoAccountEntry extends DemoCloudPlacement {
  entity: string;
}

/** An OpenAI project or Anthropic workspace and the models it calls. @public */
export interface DemoLlmEntry {
  entity: string;
  provider: string;
  project: string;
  models: string[];
}

/** A Kubernetes workload on a cluster. @public */
export interface DemoKubernetesEntry {
  entity: string;
  namespace: string;
  id: string;
  cluster: string;
}

/** Resources whose tag value only resembles the entity (found by inference). @public */
export interface DemoInferenceEntry extends DemoTagEntry {
  tagKey: string;
  tagValue: string;
}

/** Spend that matches no entity. @public */
export interface DemoUnattributedEntry extends DemoCloudPlacement {
  tags: Record<string, string>;
}

/** An annotation that is deliberately malformed in the demo catalog. @public */
export interface DemoMalformedEntry {
  entity: string;
  annotation: string;
  value: string;
}

/** The demo mapping file. @public */
export interface DemoMapping {
  description?: string;
  tags: DemoTagEntry[];
  resourceIds: DemoResourceIdEntry[];
  accounts: DemoAccountEntry[];
  llm: DemoLlmEntry[];
  kubernetes: DemoKubernetesEntry[];
  inferenceOnly: DemoInferenceEntry[];
  unattributed: DemoUnattributedEntry[];
  unmapped?: string[];
  malformed?: DemoMalformedEntry[];
}
