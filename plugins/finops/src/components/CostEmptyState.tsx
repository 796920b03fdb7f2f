import { useEntity } from '@backstage/plugin-catalog-react';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type {
  AnnotationWarning,
  EmptyCostReason,
} from '@costwise/plugin-finops-common';
import { exampleAnnotation, isCostAvailable } from './mapping';
import { AnnotationWarnings } from './shared/AnnotationWarnings';

/** Props of {@link CostEmptyState}. */
export interface CostEmptyStateProps {
  /** Why the backend has nothing to show; guessed from the annotations when absent. */
  empty?: EmptyCostReason;
  /** The entity's malformed annotations, listed for `annotation-malformed`. */
  warnings?: AnnotationWarning[];
}

const AnnotationExample = () => {
  const { entity } = useEntity();
  return (
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
  );
};

/**
 * Tells the user what to do so that costs reach this entity: which annotation
 * to add (with a copyable example), which annotation to fix, or that data for
 * the period is awaited. Each reason needs a different action, so each has its
 * own text rather than one generic "no data".
 */
export const CostEmptyState = ({
  empty,
  warnings = [],
}: CostEmptyStateProps) => {
  const { entity } = useEntity();
  const reason =
    empty?.reason ??
    (isCostAvailable(entity) ? 'no-data-in-range' : 'no-annotation');

  if (reason === 'no-annotation') {
    return (
      <EmptyState
        missing="field"
        title="No costs are mapped to this entity"
        description={
          empty?.message ??
          'Add a Costwise annotation to catalog-info.yaml so that cloud and AI costs can be attributed to this entity.'
        }
        action={<AnnotationExample />}
      />
    );
  }
  if (reason === 'annotation-malformed') {
    return (
      <EmptyState
        missing="field"
        title="A Costwise annotation could not be read"
        description={
          empty?.message ??
          'Fix the annotation in catalog-info.yaml; until then no cost is attributed through it.'
        }
        action={<AnnotationWarnings warnings={warnings} />}
      />
    );
  }
  if (reason === 'range-outside-data') {
    return (
      <EmptyState
        missing="data"
        title="The period is outside the data"
        description={
          empty?.message ??
          'There is no cost data for this period. Choose a period within the days that have data.'
        }
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No cost attributed yet"
      description={
        empty?.message ??
        'This entity has a Costwise mapping. Costs appear here once a cost source covering it has been ingested and attributed.'
      }
    />
  );
};
