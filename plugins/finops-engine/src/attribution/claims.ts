/**
 * Claims attribution holds rather than applies. Anyone who can write a
 * catalog entity can copy another entity's tags or resource ids; two rules
 * keep such a claim from moving cost on its own:
 *
 * - an account or subscription with an owner (`finops.attribution.accountOwners`)
 *   gives its cost only to entities that group, or a group below it, owns;
 * - cost that an entity restricted to its owners (`costwise.dev/cost-visibility:
 *   owners`) matches goes to no entity of another owner.
 *
 * A held claim is contested: the cost stays where the remaining rules put
 * it, and an admin confirms the claim (an override, which is never
 * contested) or rejects it.
 */
import type { ContestedClaim } from '@costwise/plugin-finops-common';
import type { Candidate } from './candidates';
import { accountIdsOf, normalizeAccountOwners } from './normalize';
import type { EntityRelations } from './relations';
import type { AttributionGroup } from './types';

/** A contested claim before its amount is known. */
export type HeldClaim = Omit<ContestedClaim, 'groupId' | 'amount' | 'period'>;

/** Decides which claims on a fact group's cost are held. */
export class ClaimGuard {
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly relations: Map<string, EntityRelations>,
    /** Entities restricted to their owners, with their owner. */
    private readonly restricted: Map<string, string | undefined>,
    accountOwners: Record<string, string> = {},
  ) {
    for (const [account, ref] of normalizeAccountOwners(accountOwners))
      this.owners.set(account, ref);
  }

  /** Whether any claim can be held at all (else matching skips the guard). */
  get active(): boolean {
    return this.owners.size > 0 || this.restricted.size > 0;
  }

  /** The group that owns the group's account, if one is configured. */
  private accountOwner(group: AttributionGroup): string | undefined {
    for (const { id } of accountIdsOf(group)) {
      const owner = this.owners.get(id.toLowerCase());
      if (owner) return owner;
    }
    return undefined;
  }

  /** Whether `group` is `ancestor` or a group below it. */
  private within(group: string | undefined, ancestor: string): boolean {
    const seen = new Set<string>();
    for (let g = group; g && !seen.has(g); g = this.relations.get(g)?.parent) {
      if (g === ancestor) return true;
      seen.add(g);
    }
    return false;
  }

  /** The group responsible for an entity: itself when it is a group, else its owner. */
  private ownerOf(entity: string): string | undefined {
    return entity.startsWith('group:')
      ? entity
      : this.relations.get(entity)?.owner;
  }

  /**
   * Splits every level's candidates of a fact group into those that stand
   * and the claims held. `all` are the candidates of every level, so that a
   * restricted entity's match at any level protects its cost.
   */
  review(
    group: AttributionGroup,
    all: Candidate[],
  ): { held: Map<Candidate, HeldClaim> } {
    const held = new Map<Candidate, HeldClaim>();
    const accountOwner = this.accountOwner(group);
    const restricted = all.filter(
      c => c.evidence.method !== 'override' && this.restricted.has(c.entity),
    );
    for (const c of all) {
      if (c.evidence.method === 'override') continue; // an admin's rule
      const owner = this.ownerOf(c.entity);
      const claimantOwner = this.relations.get(c.entity)?.owner;
      if (accountOwner && !this.within(owner, accountOwner)) {
        held.set(c, {
          entity: c.entity,
          owner: claimantOwner,
          reason: 'account-owner',
          holder: accountOwner,
          attributedTo: [],
          evidence: c.evidence,
        });
        continue;
      }
      // whether or not the claimant is itself restricted: only an entity of
      // the same owner may take a restricted entity's cost
      const protectedBy = restricted.find(r => {
        if (r.entity === c.entity) return false;
        const restrictedOwner = this.restricted.get(r.entity);
        return !restrictedOwner || restrictedOwner !== claimantOwner;
      });
      if (protectedBy)
        held.set(c, {
          entity: c.entity,
          owner: claimantOwner,
          reason: 'restricted-entity',
          holder: protectedBy.entity,
          attributedTo: [],
          evidence: c.evidence,
        });
    }
    return { held };
  }
}
