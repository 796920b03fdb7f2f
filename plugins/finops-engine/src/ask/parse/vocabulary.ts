import type { Entity } from '@backstage/catalog-model';
import type { GroupDetails } from '../../stores';
import { entityRefOf } from '../../attribution';
import { modelOf } from '../data/dimensions';
import { words } from './text';

/** What a phrase of a question can stand for. */
export type TermKind =
  | 'entity'
  | 'provider'
  | 'service'
  | 'region'
  | 'account'
  | 'model'
  | 'resource';

/** A name the engine knows, as the words it is written with. */
export interface Term {
  kind: TermKind;
  /** The entity ref, provider, service name, region, account id, model or resource id. */
  value: string;
  /** How answers name it. */
  label: string;
  words: string[];
  /** The words run together, for "checkoutapi" and one-word typos. */
  joined: string;
  /** For entities: the catalog kind, lower case; `name` or `title` matched. */
  entityKind?: string;
  via?: 'name' | 'title' | 'alias';
}

/** Everything a question's words are matched against. */
export interface Vocabulary {
  terms: Term[];
  /** Terms by their first word, for exact matching. */
  byFirstWord: Map<string, Term[]>;
  entities: Map<string, Entity>;
}

const PROVIDER_ALIASES: Record<string, string[]> = {
  aws: ['aws', 'amazon', 'amazon web services'],
  microsoft: ['azure', 'microsoft', 'microsoft azure'],
  'google cloud': ['gcp', 'google', 'google cloud'],
  oracle: ['oci', 'oracle', 'oracle cloud'],
  openai: ['openai', 'open ai', 'chatgpt', 'gpt'],
  anthropic: ['anthropic', 'claude'],
};

/** Short names people use for services whose billed names are long. */
const SERVICE_ALIASES: Array<[RegExp, string[]]> = [
  [/^amazon simple storage service$/i, ['s3']],
  [/^amazon elastic compute cloud$/i, ['ec2']],
  [/^amazon relational database service$/i, ['rds']],
  [/^amazon elastic kubernetes service$/i, ['eks']],
  [/^amazon elastic container service$/i, ['ecs']],
  [/^amazon elastic block store$/i, ['ebs']],
  [/^amazon simple queue service$/i, ['sqs']],
  [/^amazon simple notification service$/i, ['sns']],
  [/^amazon simple email service$/i, ['ses']],
  [/^amazon virtual private cloud$/i, ['vpc']],
  [/^amazon elastic file system$/i, ['efs']],
  [/^elastic load balancing$/i, ['elb', 'load balancer', 'load balancers']],
];

/** Vendor words a service name may be said without ("Lambda" for "AWS Lambda"). */
const VENDOR_PREFIX = /^(amazon|aws|azure|google|microsoft|oci|oracle)\s+/i;

function term(
  kind: TermKind,
  value: string,
  label: string,
  text: string,
  extra: Partial<Term> = {},
): Term | undefined {
  const w = words(text);
  if (w.length === 0) return undefined;
  return { kind, value, label, words: w, joined: w.join(''), ...extra };
}

function entityTerms(entity: Entity): Term[] {
  const ref = entityRefOf(entity);
  const kind = entity.kind.toLowerCase();
  const label = entity.metadata.title ?? entity.metadata.name;
  const out: Array<Term | undefined> = [
    term('entity', ref, label, entity.metadata.name, {
      entityKind: kind,
      via: 'name',
    }),
  ];
  if (entity.metadata.title)
    out.push(
      term('entity', ref, label, entity.metadata.title, {
        entityKind: kind,
        via: 'title',
      }),
    );
  return out.filter((t): t is Term => !!t);
}

function serviceTerms(service: string): Term[] {
  const out = [term('service', service, service, service)];
  const bare = service.replace(VENDOR_PREFIX, '');
  if (bare !== service && words(bare).length > 0)
    out.push(term('service', service, service, bare, { via: 'alias' }));
  for (const [pattern, aliases] of SERVICE_ALIASES)
    if (pattern.test(service))
      for (const alias of aliases)
        out.push(term('service', service, service, alias, { via: 'alias' }));
  return out.filter((t): t is Term => !!t);
}

function modelTerms(model: string): Term[] {
  const out = [term('model', model, model, model)];
  // "claude-3-5-haiku-20241022" is also said without its date
  const undated = model.replace(/[-_@]?\d{8}$/, '');
  if (undated !== model)
    out.push(term('model', model, model, undated, { via: 'alias' }));
  // "claude haiku", "sonnet": a family said without its version
  const family = /^claude[-_].*?(haiku|sonnet|opus)\b/i.exec(model)?.[1];
  if (family) {
    out.push(term('model', model, model, `claude ${family}`, { via: 'alias' }));
    out.push(term('model', model, model, family, { via: 'alias' }));
  }
  return out.filter((t): t is Term => !!t);
}

/**
 * The names a question may use: catalog entities by name and title, and
 * the providers, services, regions, accounts, LLM models and resources
 * of the stored cost.
 */
export function buildVocabulary(
  entities: Entity[],
  groups: GroupDetails[],
  options: { modelTagKeys: string[] },
): Vocabulary {
  const terms: Term[] = [];
  const byRef = new Map<string, Entity>();
  for (const entity of entities) {
    const ref = entityRefOf(entity);
    if (byRef.has(ref)) continue;
    byRef.set(ref, entity);
    terms.push(...entityTerms(entity));
  }
  const seen = new Set<string>();
  const once = (key: string) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const g of groups) {
    if (once(`p|${g.provider}`)) {
      const aliases = PROVIDER_ALIASES[g.provider.toLowerCase()] ?? [];
      for (const text of new Set([g.provider, ...aliases])) {
        const t = term('provider', g.provider, g.provider, text);
        if (t) terms.push(t);
      }
    }
    if (once(`s|${g.serviceName}`)) terms.push(...serviceTerms(g.serviceName));
    if (g.region && once(`r|${g.region}`)) {
      const t = term('region', g.region, g.region, g.region);
      if (t) terms.push(t);
    }
    const account = g.subAccountId ?? g.billingAccountId;
    if (once(`a|${account}`)) {
      const name = (g as { subAccountName?: string }).subAccountName;
      for (const text of new Set([account, ...(name ? [name] : [])])) {
        const t = term('account', account, name ?? account, text);
        if (t) terms.push(t);
      }
    }
    const model = modelOf(g, options.modelTagKeys);
    if (model && once(`m|${model}`)) terms.push(...modelTerms(model));
    if (g.resourceId && once(`x|${g.resourceId}`)) {
      const label = g.resourceName ?? g.resourceId;
      for (const text of new Set([
        g.resourceId,
        ...(g.resourceName ? [g.resourceName] : []),
        // the last part of an ARN or a path: "function:checkout-api-worker"
        g.resourceId.split(/[/:]/).pop() ?? '',
      ])) {
        const t = term('resource', g.resourceId, label, text);
        if (t && t.words.length <= 12) terms.push(t);
      }
    }
  }
  const byFirstWord = new Map<string, Term[]>();
  for (const t of terms) {
    const list = byFirstWord.get(t.words[0]);
    if (list) list.push(t);
    else byFirstWord.set(t.words[0], [t]);
  }
  return { terms, byFirstWord, entities: byRef };
}
