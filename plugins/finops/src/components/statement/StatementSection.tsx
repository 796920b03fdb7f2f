import { InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetApp from '@material-ui/icons/GetApp';
import Print from '@material-ui/icons/Print';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { finopsApiRef } from '../../api';
import { useStatement } from '../../hooks/useFinops';
import { SelectPicker } from '../controls/SelectPicker';
import { formatMonth, monthsUpTo } from '../governance/kpiFormat';
import { downloadText } from '../resources/csv';
import { CostErrorPanel, isNotAllowed } from '../shared/CostErrorPanel';
import {
  defaultStatementMonth,
  statementPagePath,
  useFinopsRootPath,
} from './links';
import { StatementView } from './StatementView';

/** Downloads the statement's CSV with the user's credentials, which a link would not send. */
const CsvButton = ({
  entityRef,
  month,
  measure,
}: {
  entityRef: string;
  month: string;
  measure?: CostMeasure;
}) => {
  const api = useApi(finopsApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const csv = await api.getStatementCsv(entityRef, { month, measure });
      const name = entityRef.replace(/^.*[:/]/, '').replace(/[^\w.-]/g, '_');
      downloadText(
        `statement-${name}-${month}.csv`,
        csv,
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      alertApi.post({
        message: `Could not download the statement: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      size="small"
      startIcon={<GetApp />}
      disabled={busy}
      onClick={download}
      aria-label="Download the statement as CSV"
      data-testid="finops-statement-csv"
    >
      Download CSV
    </Button>
  );
};

/**
 * The monthly statement of a Group or a System on its Costs tab: a month
 * (the latest with data by default), the statement, its CSV and a link to
 * the printable page.
 */
export const StatementSection = ({
  entityRef,
  asOf,
  measure,
}: {
  entityRef: string;
  /** The last day with data; undefined while it loads. */
  asOf: string | null | undefined;
  measure?: CostMeasure;
}) => {
  const [picked, setPicked] = useState<string>();
  const latest = asOf === undefined ? undefined : defaultStatementMonth(asOf);
  const month = picked ?? latest;
  const statement = useStatement(entityRef, month, measure);
  const root = useFinopsRootPath();

  let body;
  if (!month || (statement.loading && !statement.value)) body = <Progress />;
  else if (statement.error) body = <CostErrorPanel error={statement.error} />;
  else if (statement.value)
    body = <StatementView statement={statement.value} />;

  // a month or a download is no use to someone who may not see the cost
  const refused = statement.error && isNotAllowed(statement.error);
  const actions = month && latest && !refused && (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <SelectPicker
        id="finops-statement-month"
        label="Month"
        value={month}
        onChange={setPicked}
        options={monthsUpTo(latest).map(m => ({
          value: m,
          label: formatMonth(m),
        }))}
      />
      <CsvButton entityRef={entityRef} month={month} measure={measure} />
      {root && (
        <Button
          variant="outlined"
          size="small"
          startIcon={<Print />}
          href={statementPagePath(root, entityRef, {
            month,
            measure,
            print: true,
          })}
          target="_blank"
          rel="noopener"
          aria-label="Open the printable statement in a new tab"
          data-testid="finops-statement-print"
        >
          Print
        </Button>
      )}
    </Box>
  );

  return (
    <InfoCard
      title="Statement"
      subheader="The month's cost line by line, for showback"
    >
      {actions && <Box mb={2}>{actions}</Box>}
      {statement.loading && statement.value && <Progress />}
      {body}
    </InfoCard>
  );
};
