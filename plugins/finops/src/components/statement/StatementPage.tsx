import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Print from '@material-ui/icons/Print';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { useEffect, useRef } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { useStatement } from '../../hooks/useFinops';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { MEASURE_LABELS } from '../shared/labels';
import { defaultStatementMonth } from './links';
import { NO_PRINT_CLASS, PRINT_CSS } from './printStyles';
import { StatementView, statementPeriod } from './StatementView';

/** Prints the page once, after the statement has rendered. */
function usePrintOnce(ready: boolean, wanted: boolean) {
  const printed = useRef(false);
  useEffect(() => {
    if (!ready || !wanted || printed.current) return undefined;
    printed.current = true;
    // after the browser has laid the table out, not before
    const timer = setTimeout(() => window.print(), 0);
    return () => clearTimeout(timer);
  }, [ready, wanted]);
}

/**
 * The printable statement of a Group or System: the statement alone under a
 * plain header, with a print stylesheet that leaves out Backstage's chrome.
 * `?month=YYYY-MM` picks the month (this one by default), `?measure=` the
 * measure, and `?print=1` opens the browser's print dialog once it is shown.
 */
export const StatementPage = () => {
  const params = useParams();
  const [search] = useSearchParams();
  const entityRef = stringifyEntityRef({
    kind: params.kind ?? 'group',
    namespace: params.namespace ?? 'default',
    name: params.name ?? '',
  });
  const month = search.get('month') ?? defaultStatementMonth(null);
  const measure = (search.get('measure') ?? undefined) as
    | CostMeasure
    | undefined;
  const { primaryTitle } = useEntityPresentation(entityRef);
  const statement = useStatement(entityRef, month, measure);
  const value = statement.value;
  usePrintOnce(Boolean(value), search.get('print') === '1');

  let body;
  if (statement.loading) body = <Progress />;
  else if (statement.error) body = <CostErrorPanel error={statement.error} />;
  else if (value) body = <StatementView statement={value} />;

  return (
    <Box p={3} data-testid="finops-statement-page">
      <style>{PRINT_CSS}</style>
      <Box
        mb={2}
        display="flex"
        justifyContent="space-between"
        alignItems="flex-start"
      >
        <div>
          <Typography variant="h4" component="h1">
            Cost statement: {primaryTitle}
          </Typography>
          <Typography
            variant="subtitle1"
            data-testid="finops-statement-heading"
          >
            {value ? statementPeriod(value) : month} ·{' '}
            {MEASURE_LABELS[value?.measure ?? measure ?? 'EffectiveCost']}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Generated on {DateTime.now().toFormat('d LLL yyyy')}
          </Typography>
        </div>
        <Button
          className={NO_PRINT_CLASS}
          variant="outlined"
          size="small"
          startIcon={<Print />}
          onClick={() => window.print()}
          disabled={!value}
        >
          Print
        </Button>
      </Box>
      {body}
    </Box>
  );
};

/**
 * The statement page's route, `:kind/:namespace/:name`, under wherever it is
 * mounted (`/finops/statement`).
 */
export const StatementRoutes = () => (
  <Routes>
    <Route path=":kind/:namespace/:name" element={<StatementPage />} />
  </Routes>
);
