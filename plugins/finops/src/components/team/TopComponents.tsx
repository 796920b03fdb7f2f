import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { FinopsResourcesQuery } from '../../api';
import { useResources } from '../../hooks/useFinops';
import { groupByResource } from '../resources/ResourcesTable';
import { MemberTable } from './MemberTable';
import type { MemberCost } from './members';

const LIMIT = 10;

/**
 * The team's largest components. They come from the `child` breakdown when
 * the team owns components directly; otherwise from the resources attributed
 * under it, so that the list is never empty while there is cost.
 */
export const TopComponents = ({
  entityRef,
  components,
  currency,
  query,
}: {
  entityRef: string;
  components: MemberCost[];
  currency: string;
  query?: FinopsResourcesQuery;
}) => {
  const fromResources = components.length === 0;
  const resources = useResources(entityRef, fromResources ? query : undefined);
  if (!fromResources) {
    return (
      <MemberTable
        title="Top components"
        members={components}
        currency={currency}
        testId="finops-team-components"
        limit={LIMIT}
      />
    );
  }
  if (resources.loading) return <Progress />;
  if (resources.error) return <ResponseErrorPanel error={resources.error} />;
  const value = resources.value;
  if (!value || value.items.length === 0) return null;
  // one row per resource, whatever lines it was billed in
  const members: MemberCost[] = groupByResource(value.items)
    .sort((a, b) => Number(b.amount) - Number(a.amount))
    .map(g => ({
      label:
        g.lines.length > 1 ? `${g.label} (${g.lines.length} lines)` : g.label,
      total: g.amount,
      share: g.share,
    }));
  return (
    <MemberTable
      title="Top resources"
      members={members}
      currency={value.currency}
      testId="finops-team-components"
      limit={LIMIT}
    />
  );
};
