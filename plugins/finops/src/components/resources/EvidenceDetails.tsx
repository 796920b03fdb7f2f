import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AttributionEvidence } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import { formatShare } from '../shared/format';
import { methodLabel } from '../shared/labels';

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <>
    <Typography component="dt" variant="body2" color="textSecondary">
      {label}
    </Typography>
    <Typography component="dd" variant="body2" style={{ margin: 0 }}>
      {children}
    </Typography>
  </>
);

/**
 * The rule behind an attributed amount, in the terms of the catalog file an
 * owner would edit: the annotation, its selector and what it matched.
 */
export const EvidenceDetails = ({
  evidence,
}: {
  evidence: AttributionEvidence;
}) => {
  const matched = Object.entries(evidence.matched);
  return (
    <Box
      component="dl"
      display="grid"
      gridTemplateColumns="max-content minmax(0, 1fr)"
      gridColumnGap={12}
      gridRowGap={4}
      m={0}
    >
      <Row label="Method">{methodLabel(evidence.method)}</Row>
      {evidence.annotation && (
        <Row label="Annotation">
          <code>{evidence.annotation}</code>
        </Row>
      )}
      {evidence.ruleId && (
        <Row label="Override rule">
          <code>{evidence.ruleId}</code>
        </Row>
      )}
      {evidence.selector && (
        <Row label="Selector">
          <code>{evidence.selector}</code>
        </Row>
      )}
      <Row label="On entity">
        <EntityRefLink entityRef={evidence.entityRef} />
      </Row>
      {matched.length > 0 && (
        <Row label="Matched">
          {matched.map(([key, value]) => (
            <div key={key}>
              <code>{key}</code> = <code>{value}</code>
            </div>
          ))}
        </Row>
      )}
      <Row label="Confidence">{formatShare(evidence.confidence, 0)}</Row>
      {evidence.note && <Row label="Note">{evidence.note}</Row>}
      {evidence.source && (
        <Row label="Reached the shared resource by">
          <EvidenceDetails evidence={evidence.source} />
        </Row>
      )}
    </Box>
  );
};
