import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_SHARED_COST } from '@costwise/plugin-finops-common';
import { useCostSummary } from '../hooks/useFinops';
import { SharedCostCard } from './sharedCost/SharedCostCard';
import { CardBudget } from './card/CardBudget';
import { CardRecommendations } from './card/CardRecommendations';
import { CardAiUsage } from './ai/CardAiUsage';
import { CostSummaryView } from './card/CostSummaryView';
import { RECOMMENDATION_KINDS } from './recommendations/kinds';
import { CostEmptyState } from './CostEmptyState';
import { CostErrorPanel } from './shared/CostErrorPanel';

const CardBody = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useCostSummary(entityRef);
  if (loading) return <Progress />;
  if (error) return <CostErrorPanel error={error} />;
  if (!value) return null;
  const shares = Boolean(entity.metadata.annotations?.[ANNOTATION_SHARED_COST]);
  const shared = shares && (
    <SharedCostCard
      entityRef={entityRef}
      asOf={value.asOf}
      measure={value.measure}
    />
  );
  if (value.empty) {
    // a shared resource's cost is passed on: show that rather than "no cost"
    if (shares && value.empty.reason === 'no-data-in-range')
      return shared || null;
    return <CostEmptyState empty={value.empty} warnings={value.warnings} />;
  }
  return (
    <>
      {shared}
      <CostSummaryView summary={value} />
    </>
  );
};

/**
 * The cost card of an entity's overview page: month to date, change,
 * forecast, trend, top drivers, how the cost was attributed, and the open
 * recommendations.
 *
 * @public
 */
export const EntityCostCard = () => {
  const { entity } = useEntity();
  return (
    <InfoCard
      title="Cost"
      subheader="Costwise"
      deepLink={{ link: 'costs', title: 'View costs' }}
    >
      <CardBody />
      <CardBudget entityRef={stringifyEntityRef(entity)} kind={entity.kind} />
      {/* only where the tab it links to is */}
      {RECOMMENDATION_KINDS.includes(entity.kind.toLowerCase()) && (
        <CardRecommendations entityRef={stringifyEntityRef(entity)} />
      )}
      <CardAiUsage entityRef={stringifyEntityRef(entity)} />
    </InfoCard>
  );
};
