import type { Decimal } from '@costwise/plugin-finops-common';

/**
 * A fact group as attribution sees it: its id in the store and the
 * dimensions rules match on, with its tags as ingested (not normalized).
 * Signals receive it as an `AttributionFactGroup` of
 * `@costwise/plugin-finops-node`, which must stay assignable from it.
 *
 * @public
 */
export interface AttributionGroup {
  id: string;
  provider: string;
  billingAccountId: string;
  subAccountId?: string;
  serviceName: string;
  resourceId?: string;
  resourceName?: string;
  chargeCategory?: string;
  commitmentStatus?: string;
  tags: Record<string, string>;
}

/**
 * The exact amount of one fact group in one billing period. Without a
 * period, all amounts count as one period.
 *
 * @public
 */
export interface AttributionAmount {
  groupId: string;
  period?: string;
  amount: Decimal;
}

/**
 * An administrator's rule, applied at the resource-id level: every given
 * condition must hold. `account` and `resourceIdPattern` accept `*`.
 *
 * @public
 */
export interface AttributionOverride {
  id: string;
  match: {
    /** Billing account or sub account id. */
    account?: string;
    /** ServiceName, compared case-insensitively. */
    service?: string;
    resourceIdPattern?: string;
    tags?: Record<string, string>;
  };
  entityRef: string;
  /**
   * `assign` (the default): the matched cost goes to `entityRef`. `deny`:
   * `entityRef` may not claim the matched cost (a rejected claim).
   */
  effect?: 'assign' | 'deny';
}

/**
 * The attribution settings of the `finops:` config.
 *
 * @public
 */
export interface AttributionConfig {
  tagKeyAliases: Record<string, string>;
  inferenceTagKeys: string[];
  inferenceMinConfidence: number;
  /**
   * Who owns cloud accounts and subscriptions: lower-case account id →
   * group ref. A claim on cost in such an account by an entity the group
   * (or a group below it) does not own is held as contested.
   */
  accountOwners?: Record<string, string>;
}
