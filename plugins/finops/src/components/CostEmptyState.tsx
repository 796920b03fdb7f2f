import { useEntity } from '@backstage/plugin-catalog-react';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { exampleAnnotation, isCostAvailable } from './mapping';

/**
 * Tells the user how costs reach this entity: which annotation to add, with a
 * copyable example, or that the mapping is there and data is awaited.
 */
export const CostEmptyState = () => {
  const { entity } = useEntity();
  const mapped = isCostAvailable(entity);
  return (
    <EmptyState
      missing={mapped ? 'data' : 'field'}
      title={
        mapped ? 'No cost attributed yet' : 'No costs are mapped to this entity'
      }
      description={
        mapped
          ? 'This entity has a Costwise mapping. Costs appear here once a cost source covering it has been ingested and attributed.'
          : 'Add a Costwise annotation to catalog-info.yaml so that cloud and AI costs can be attributed to this entity.'
      }
      action={
        mapped ? undefined : (
          <>
            <Typography variant="body2" paragraph>
              For example:
            </Typography>
            <CodeSnippet
              language="yaml"
              text={exampleAnnotation(entity)}
              showCopyCodeButton
            />
          </>
        )
      }
    />
  );
};
