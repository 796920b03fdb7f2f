import { Content, ContentHeader } from '@backstage/core-components';
import { CostEmptyState } from './CostEmptyState';

/**
 * The "Costs" tab of an entity page.
 *
 * @public
 */
export const EntityCostContent = () => (
  <Content>
    <ContentHeader title="Costs" />
    <CostEmptyState />
  </Content>
);
