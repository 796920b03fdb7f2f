import {
  kubernetesKey,
  KubernetesCondition,
  KubernetesSelector,
} from './annotations';
import { Candidate, candidate, RuleSource } from './candidates';

/** Canonical tag keys that carry the namespace of a Kubernetes workload. */
const NAMESPACE_KEYS = new Set(['kubernetes_namespace', 'namespace']);
/** The label the Backstage Kubernetes plugin uses to find an entity's workloads. */
const ID_KEY = kubernetesKey('backstage.io/kubernetes-id');

/** The Kubernetes view of a fact's tags: namespaces, ids and labels. */
export interface KubernetesFacts {
  namespaces: Set<string>;
  ids: Set<string>;
  labels: Map<string, string>;
}

interface KubernetesRule {
  selector: KubernetesSelector;
  /** The evidence is the same for every fact a selector matches: build it once. */
  candidate: Candidate;
}

function holds(c: KubernetesCondition, facts: KubernetesFacts): boolean {
  if (c.kind === 'id') return facts.ids.has(c.value);
  if (c.kind === 'namespace') return facts.namespaces.has(c.value);
  return facts.labels.get(c.key!) === c.value;
}

function anchorOf(c: KubernetesCondition): string {
  if (c.kind === 'label') return `label:${c.key}=${c.value}`;
  return `${c.kind}:${c.value}`;
}

/**
 * Kubernetes selectors indexed by their most selective condition (the
 * workload id, else the namespace, else a label). Every condition of a
 * selector must hold; more conditions is more specific.
 */
export class KubernetesIndex {
  private readonly index = new Map<string, KubernetesRule[]>();
  /** Tag keys repeat across millions of facts; canonicalize each once. */
  private readonly keys = new Map<string, string>();
  private labelAnchors = false;

  get size(): number {
    return this.index.size;
  }

  add(rule: RuleSource, selector: KubernetesSelector) {
    const first =
      selector.conditions.find(c => c.kind === 'id') ??
      selector.conditions.find(c => c.kind === 'namespace') ??
      selector.conditions[0];
    if (first.kind === 'label') this.labelAnchors = true;
    const matched: Record<string, string> = {};
    for (const c of selector.conditions) {
      matched[c.kind === 'label' ? `label:${c.key}` : c.kind] = c.value;
    }
    const entry = {
      selector,
      candidate: candidate(rule, [selector.conditions.length], matched),
    };
    const anchor = anchorOf(first);
    const list = this.index.get(anchor);
    if (list) list.push(entry);
    else this.index.set(anchor, [entry]);
  }

  private key(raw: string): string {
    let k = this.keys.get(raw);
    if (k === undefined) {
      k = kubernetesKey(raw);
      if (this.keys.size < 10_000) this.keys.set(raw, k);
    }
    return k;
  }

  /** Reads namespace, workload id and labels from a fact's normalized tags. */
  facts(tags: ReadonlyMap<string, string>): KubernetesFacts {
    const facts: KubernetesFacts = {
      namespaces: new Set(),
      ids: new Set(),
      labels: new Map(),
    };
    for (const [key, value] of tags) {
      const k = this.key(key);
      if (NAMESPACE_KEYS.has(k)) facts.namespaces.add(value);
      if (k === ID_KEY) facts.ids.add(value);
      if (!facts.labels.has(k)) facts.labels.set(k, value);
    }
    return facts;
  }

  match(tags: ReadonlyMap<string, string>): Candidate[] {
    if (this.index.size === 0 || tags.size === 0) return [];
    // find candidate selectors first; most facts carry no Kubernetes tags at all
    const found: KubernetesRule[] = [];
    const lookup = (anchor: string) => {
      for (const rule of this.index.get(anchor) ?? []) {
        if (!found.includes(rule)) found.push(rule);
      }
    };
    for (const [key, value] of tags) {
      const k = this.key(key);
      if (NAMESPACE_KEYS.has(k)) lookup(`namespace:${value}`);
      if (k === ID_KEY) lookup(`id:${value}`);
      if (this.labelAnchors) lookup(`label:${k}=${value}`);
    }
    if (found.length === 0) return [];
    const facts = this.facts(tags);
    return found
      .filter(rule => rule.selector.conditions.every(c => holds(c, facts)))
      .map(rule => rule.candidate);
  }
}
