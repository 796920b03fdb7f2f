/**
 * Catalog annotations read by Costwise. Values are parsed tolerantly
 * (whitespace, list separators, case of tag keys); a malformed value becomes a
 * warning on the entity, never an error for others.
 */

/** Cloud ResourceIds (comma or newline separated, `*` wildcard). @public */
export const ANNOTATION_RESOURCE_IDS = 'costwise.dev/resource-ids';
/** Tag selectors: `k=v,k=v` AND-groups separated by `;` or newlines. @public */
export const ANNOTATION_TAGS = 'costwise.dev/tags';
/** Billing or sub-account ids (comma or newline separated, `*` wildcard). @public */
export const ANNOTATION_ACCOUNTS = 'costwise.dev/accounts';
/** LLM provider projects, workspaces or API keys: `openai:proj_abc, anthropic:wrkspc_01`. @public */
export const ANNOTATION_LLM = 'costwise.dev/llm';
/** Shared-cost policy of a Resource: `even`, `proportional` or `weights: ref=60, ref=40`. @public */
export const ANNOTATION_SHARED_COST = 'costwise.dev/shared-cost';
/** The business metric used as the unit-cost denominator, e.g. `requests per 1000`. @public */
export const ANNOTATION_UNIT_METRIC = 'costwise.dev/unit-metric';
/**
 * A budget of a Component, System or Group: `<amount> [<CURRENCY>] <monthly|quarterly|yearly>`,
 * e.g. `1200 USD monthly` or `15000 EUR quarterly`. @public
 */
export const ANNOTATION_BUDGET = 'costwise.dev/budget';
/** An explicit benchmark cohort name. @public */
export const ANNOTATION_BENCHMARK_COHORT = 'costwise.dev/benchmark-cohort';
/**
 * Who may see the entity's cost: `owners` restricts it to the entity's
 * owners under a policy that uses the `IS_COST_RESTRICTED` rule; anything
 * else (or no annotation) leaves it to the policy.
 *
 * @public
 */
export const ANNOTATION_COST_VISIBILITY = 'costwise.dev/cost-visibility';
/** Tag selectors of the AWS cost insights plugin, accepted for users migrating. @public */
export const ANNOTATION_AWS_COST_INSIGHTS_TAGS =
  'aws.amazon.com/cost-insights-tags';
/** Kubernetes annotations of the Backstage Kubernetes plugin. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/** Repository slug, used by attribution inference. @public */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** Every annotation that maps cost to an entity. @public */
export const COST_MAPPING_ANNOTATIONS = [
  ANNOTATION_RESOURCE_IDS,
  ANNOTATION_TAGS,
  ANNOTATION_ACCOUNTS,
  ANNOTATION_LLM,
  ANNOTATION_AWS_COST_INSIGHTS_TAGS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
] as const;
