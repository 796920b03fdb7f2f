import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { AnnotationWarning } from '@costwise/plugin-finops-common';

/**
 * Malformed annotations are ignored by attribution, so the cost they were
 * meant to bring is missing: say which one and why, where the owner looks.
 */
export const AnnotationWarnings = ({
  warnings,
}: {
  warnings: AnnotationWarning[];
}) => {
  if (warnings.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="finops-annotation-warnings">
      <AlertTitle>
        {warnings.length === 1
          ? 'An annotation is ignored'
          : `${warnings.length} annotations are ignored`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
        {warnings.map(w => (
          <li key={`${w.entity}|${w.annotation}|${w.message}`}>
            <code>{w.annotation}</code> on {w.entity}: {w.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
};
