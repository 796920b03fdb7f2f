import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import type { KpiValue } from '@costwise/plugin-finops-common';
import { useEffect, useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  useFinopsAdmin,
  useGovernanceKpis,
  useKpiTargets,
} from '../hooks/useGovernance';
import { SelectPicker } from './controls/SelectPicker';
import { AdminPanels } from './governance/AdminPanels';
import { GovernanceEmptyState } from './governance/GovernanceEmptyState';
import { formatMonth, monthsUpTo } from './governance/kpiFormat';
import { KpiTable } from './governance/KpiTable';
import { Leaderboard } from './governance/Leaderboard';
import { TargetDialog } from './governance/TargetDialog';
import { CostErrorPanel } from './shared/CostErrorPanel';
import { OrgAiSpend } from './ai/OrgAiSpend';
import { StatementPage } from './statement/StatementPage';
import { AnomaliesPanel } from './anomalies/AnomaliesSection';
import { OrganizationBudgets } from './budgets/BudgetsTable';
import { OrganizationAskBox } from './ask/OrganizationAskBox';

/** The first and last day of a month `YYYY-MM`. */
function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
  };
}

/** The latest month with figures: the month of the first answer, asked without one. */
function useLatestMonth(month: string | undefined, answered?: string) {
  const [latest, setLatest] = useState<string>();
  useEffect(() => {
    if (!month && answered) setLatest(answered);
  }, [month, answered]);
  return latest;
}

/**
 * The FinOps governance view without the page around it: the organization's
 * KPIs, the team leaderboard and, for FinOps admins only, the targets,
 * spend, attribution worklist, contested claims and unowned
 * recommendations; for a month, the latest by default.
 *
 * @public
 */
export const FinopsPageContent = () => {
  const [month, setMonth] = useState<string>();
  const [editing, setEditing] = useState<KpiValue>();
  const admin = useFinopsAdmin();
  const kpis = useGovernanceKpis(month);
  const targets = useKpiTargets(admin === true);
  const { value, loading, error } = kpis;
  const latest = useLatestMonth(month, value?.month);
  const shown = month ?? value?.month;

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <CostErrorPanel error={error} />;
  else if (
    value &&
    value.organization.length === 0 &&
    value.teams.length === 0
  ) {
    body = <GovernanceEmptyState month={shown} />;
  } else if (value) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <KpiTable
            kpis={value.organization}
            month={value.month}
            currency={value.currency}
            teams={value.teams}
            onEdit={admin ? setEditing : undefined}
          />
        </Grid>
        <Grid item xs={12}>
          <Leaderboard
            teams={value.teams}
            organization={value.organization}
            currency={value.currency}
            hiddenTeams={value.hiddenTeams}
          />
        </Grid>
        <OrgAiSpend month={value.month} />
        <Grid item xs={12}>
          <OrganizationBudgets />
        </Grid>
        <Grid item xs={12}>
          <AnomaliesPanel
            range={monthRange(value.month)}
            periodText={`in ${value.month}`}
          />
        </Grid>
        {admin && <AdminPanels month={month} shownMonth={shown} />}
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader
        title="FinOps governance"
        description="How the organization and each team do on the FinOps KPIs"
      >
        {latest && (
          <Box data-testid="finops-month-picker">
            <SelectPicker
              id="finops-month"
              label="Month"
              value={shown ?? latest}
              onChange={setMonth}
              options={monthsUpTo(latest).map(m => ({
                value: m,
                label: formatMonth(m),
              }))}
            />
          </Box>
        )}
      </ContentHeader>
      <Box mb={3}>
        <OrganizationAskBox />
      </Box>
      {loading && value && <Progress />}
      {body}
      {editing && value && (
        <TargetDialog
          kpi={editing}
          currency={value.currency}
          teams={value.teams}
          targets={targets.value ?? []}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            kpis.retry();
            targets.retry();
          }}
        />
      )}
    </Content>
  );
};

/**
 * The FinOps page (`/finops`) with its header, for apps on the legacy
 * frontend system; the new one puts its own header around
 * {@link FinopsPageContent}. Under it, `statement/:kind/:namespace/:name`
 * is a Group's or System's printable statement, without the header.
 *
 * @public
 */
export const FinopsPage = () => (
  <Routes>
    <Route
      path="/"
      element={
        <Page themeId="tool">
          <Header
            title="FinOps"
            subtitle="KPIs, team scorecards and the attribution worklist"
          />
          <FinopsPageContent />
        </Page>
      }
    />
    <Route
      path="statement/:kind/:namespace/:name"
      element={<StatementPage />}
    />
  </Routes>
);
