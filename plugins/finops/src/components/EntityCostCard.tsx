import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useCostSummary } from '../hooks/useFinops';
import { CostSummaryView } from './card/CostSummaryView';
import { CostEmptyState } from './CostEmptyState';
import { CostErrorPanel } from './shared/CostErrorPanel';

const CardBody = () => {
  const { entity } = useEntity();
  const { value, loading, error } = useCostSummary(stringifyEntityRef(entity));
  if (loading) return <Progress />;
  if (error) return <CostErrorPanel error={error} />;
  if (!value) return null;
  if (value.empty) {
    return <CostEmptyState empty={value.empty} warnings={value.warnings} />;
  }
  return <CostSummaryView summary={value} />;
};

/**
 * The cost card of an entity's overview page: month to date, change,
 * forecast, trend, top drivers and how the cost was attributed.
 *
 * @public
 */
export const EntityCostCard = () => (
  <InfoCard
    title="Cost"
    subheader="Costwise"
    deepLink={{ link: 'costs', title: 'View costs' }}
  >
    <CardBody />
  </InfoCard>
);
