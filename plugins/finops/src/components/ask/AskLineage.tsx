import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AskLineage as Lineage } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { formatShare } from '../shared/format';
import { MEASURE_LABELS, methodLabel } from '../shared/labels';

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

/** The backend's `/explain` link of a piece of evidence, made absolute. */
function useExplainUrl(): (href: string) => string | undefined {
  const discoveryApi = useApi(discoveryApiRef);
  const base = useAsync(
    () => discoveryApi.getBaseUrl('finops'),
    [discoveryApi],
  );
  return href => {
    if (!base.value) return undefined;
    try {
      return new URL(href, base.value).toString();
    } catch {
      return undefined;
    }
  };
}

/**
 * Where an answer's figures come from, folded away until asked for: the
 * measure, the attribution run, what was read, the scope and what was left
 * out of it, the rules and evidence behind the entity's cost (each with its
 * `/explain` link, which FinOps admins may open), and the query the engine
 * ran.
 */
export const AskLineage = ({ lineage }: { lineage: Lineage }) => {
  const explainUrl = useExplainUrl();
  return (
    <Accordion
      variant="outlined"
      data-testid="finops-ask-lineage"
      data-run={lineage.attributionRunId ?? ''}
      data-measure={lineage.measure}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">How this was answered</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <Box
            component="dl"
            display="grid"
            gridTemplateColumns="max-content 1fr"
            gridColumnGap={12}
            gridRowGap={4}
            m={0}
          >
            <Row label="Measure">
              {MEASURE_LABELS[lineage.measure] ?? lineage.measure}, in{' '}
              {lineage.currency}
            </Row>
            <Row label="Attribution run">
              {lineage.attributionRunId ? (
                <code>{lineage.attributionRunId}</code>
              ) : (
                'none needed'
              )}
            </Row>
            <Row label="Read from">{lineage.sources.join(', ') || '–'}</Row>
            <Row label="Scope">
              {lineage.scope.entityRef ? (
                <EntityRefLink entityRef={lineage.scope.entityRef} />
              ) : (
                'the organization'
              )}
              {lineage.scope.members > 0 &&
                `, ${lineage.scope.members} member${
                  lineage.scope.members === 1 ? '' : 's'
                }`}
              {lineage.scope.hiddenMembers > 0 &&
                `; ${lineage.scope.hiddenMembers} left out: you may not read ${
                  lineage.scope.hiddenMembers === 1 ? 'its' : 'their'
                } cost`}
            </Row>
            <Row label="Read by">
              {lineage.parsedBy === 'model'
                ? 'a language model, checked by the engine'
                : 'the engine'}
              ; phrased by{' '}
              {lineage.phrasedBy === 'model'
                ? 'a language model (every number checked against the figures)'
                : 'the engine'}
            </Row>
          </Box>
          {lineage.evidence.length > 0 && (
            <Box mt={2}>
              <Typography variant="subtitle2" component="h4">
                Rules and evidence
              </Typography>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {lineage.evidence.map((e, i) => {
                  const url = explainUrl(e.href);
                  return (
                    <li
                      key={`${e.href}-${i}`}
                      data-testid="finops-ask-evidence"
                      data-href={e.href}
                    >
                      <Typography variant="body2" component="span">
                        {e.label}: {methodLabel(e.method)}
                        {e.annotation && (
                          <>
                            {' '}
                            <code>{e.annotation}</code>
                          </>
                        )}
                        {e.selector && (
                          <>
                            {' '}
                            <code>{e.selector}</code>
                          </>
                        )}
                        {e.confidence !== undefined &&
                          `, confidence ${formatShare(e.confidence, 0)}`}{' '}
                        on <EntityRefLink entityRef={e.entityRef} />
                        {url && (
                          <>
                            {' · '}
                            <Link href={url} target="_blank" rel="noopener">
                              explain
                            </Link>
                          </>
                        )}
                      </Typography>
                    </li>
                  );
                })}
              </ul>
            </Box>
          )}
          <Box mt={2}>
            <Typography variant="subtitle2" component="h4">
              Query run
            </Typography>
            <Box
              component="pre"
              data-testid="finops-ask-query"
              m={0}
              p={1}
              style={{ overflowX: 'auto', fontSize: 12 }}
            >
              {JSON.stringify(lineage.query, null, 2)}
            </Box>
          </Box>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
};
