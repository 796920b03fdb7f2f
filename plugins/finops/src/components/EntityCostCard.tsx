import { InfoCard } from '@backstage/core-components';
import { CostEmptyState } from './CostEmptyState';

/**
 * The cost card of an entity's overview page.
 *
 * @public
 */
export const EntityCostCard = () => (
  <InfoCard title="Cost" subheader="Costwise">
    <CostEmptyState />
  </InfoCard>
);
