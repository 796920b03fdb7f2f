import type {
  CostMeasure,
  HiddenMembers,
} from '@costwise/plugin-finops-common';

/**
 * One line of a team's statement: an entity's cost of one service through
 * one attribution method in the month, exact.
 *
 * @public
 */
export interface ShowbackLine {
  entity: string;
  service: string;
  method: string;
  amount: string;
}

/**
 * A team's statement in one currency: the cost of the entities whose
 * `spec.owner` is the team (not its sub-teams'), by entity, service and
 * method. `team` is a group ref, a user ref for what a user owns, or
 * {@link NO_OWNER}.
 *
 * @public
 */
export interface TeamStatement {
  team: string;
  currency: string;
  /** The exact sum of the lines. */
  total: string;
  lines: ShowbackLine[];
}

/**
 * The monthly showback of every team, as `costwise report showback`
 * prints it with `--format json` and `GET /reports/showback` answers. Per
 * currency, the teams' totals plus `unattributed` equal `ingested` exactly.
 *
 * @public
 */
export interface ShowbackReport {
  /** `YYYY-MM`. */
  month: string;
  measure: CostMeasure;
  teams: TeamStatement[];
  /** Per currency, the cost of the month no allocation covers. */
  unattributed: Record<string, string>;
  /** Per currency, the cost of the month as stored by ingestion. */
  ingested: Record<string, string>;
}

/**
 * A line of a Group's or System's statement, with the owner and system of
 * its entity.
 *
 * @public
 */
export interface StatementLine extends ShowbackLine {
  /** The entity's owner (see {@link TeamStatement}). */
  team: string;
  /** The entity's System, or {@link NO_SYSTEM}. */
  system: string;
}

/**
 * A System's statement in one currency: the cost of the entities whose
 * `spec.system` is the system, and of the system itself.
 *
 * @public
 */
export interface SystemStatement {
  system: string;
  currency: string;
  total: string;
  lines: StatementLine[];
}

/**
 * The own statement total of a team below a Group, for the Group's page.
 *
 * @public
 */
export interface SubTeamSubtotal {
  team: string;
  /** The group it is a child of. */
  parent: string;
  /** Per currency, the exact total of the team's own statement. */
  totals: Record<string, string>;
}

/**
 * One Group's or System's statement for a month, as the entity's statement
 * route answers it: one part per currency, and for a Group its sub-teams'
 * own totals, shown apart (statements never overlap).
 *
 * @public
 */
export interface EntityStatement {
  entity: string;
  kind: 'group' | 'system';
  month: string;
  measure: CostMeasure;
  /** The last day of the month with cost data; undefined when there is none. */
  asOf?: string;
  /** Whether the data stops before the month's last day (month to date). */
  partial: boolean;
  statements: Array<{
    currency: string;
    total: string;
    lines: StatementLine[];
  }>;
  /** Per currency, the statement's own total (the sum of `statements`). */
  totals: Record<string, string>;
  /** A Group's descendant teams, each with its own statement's totals. */
  subTeams: SubTeamSubtotal[];
  /** A Group's own totals plus its sub-teams', per currency. */
  totalWithSubTeams: Record<string, string>;
  /** Entities whose cost the caller may not read: their lines are left out. */
  hiddenMembers?: HiddenMembers;
}

/**
 * The owner of entities that have none (no `spec.owner`), or that are not
 * in the catalog any more: their statement is listed under this name, so
 * that every attributed amount is in exactly one statement.
 *
 * @public
 */
export const NO_OWNER = '(no owner)';

/**
 * The system of entities in none.
 *
 * @public
 */
export const NO_SYSTEM = '(no system)';
