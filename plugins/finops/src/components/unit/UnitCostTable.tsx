import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  UnitCostPoint,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';
import {
  formatCount,
  formatLongDay,
  formatMoney,
  formatUnitMoney,
} from '../shared/format';
import { hasUsage } from './chartRows';
import { unitLabel } from './labels';

const Row = ({
  point,
  currency,
  label,
  testId,
}: {
  point: UnitCostPoint;
  currency: string;
  label: string;
  testId: string;
}) => (
  <TableRow
    data-testid={testId}
    data-date={point.date}
    data-cost={point.cost}
    data-metric={point.metric ?? ''}
    data-unit-cost={point.unitCost ?? ''}
  >
    <TableCell component="th" scope="row">
      {label}
    </TableCell>
    <TableCell align="right">{formatMoney(point.cost, currency)}</TableCell>
    <TableCell align="right">
      {point.metric === null ? 'no usage' : formatCount(point.metric)}
    </TableCell>
    <TableCell align="right" data-testid="finops-unit-cost-value">
      {hasUsage(point)
        ? formatUnitMoney(point.unitCost!, currency)
        : 'no usage'}
    </TableCell>
  </TableRow>
);

/**
 * The chart's figures as a table, a button away: every period's cost,
 * metric and cost per unit, for screen readers and for checking the line.
 */
export const UnitCostTable = ({ value }: { value: UnitCostResponse }) => {
  const [open, setOpen] = useState(false);
  const perLabel = unitLabel(value.unitMetric);
  const metricName = value.unitMetric?.metric ?? 'Metric';
  const series = [...value.series].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls="finops-unit-cost-table"
        onClick={() => setOpen(o => !o)}
      >
        {open ? 'Hide table' : 'Show as table'}
      </Button>
      {open && (
        <Table
          id="finops-unit-cost-table"
          size="small"
          aria-label={`Cost per ${perLabel} per ${value.granularity}`}
          data-testid="finops-unit-cost-table"
        >
          <TableHead>
            <TableRow>
              <TableCell>
                {value.granularity === 'month' ? 'Month' : 'Day'}
              </TableCell>
              <TableCell align="right">Cost</TableCell>
              <TableCell align="right">{metricName}</TableCell>
              <TableCell align="right">Cost per {perLabel}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {series.map(point => (
              <Row
                key={point.date}
                point={point}
                currency={value.currency}
                label={formatLongDay(point.date)}
                testId="finops-unit-cost-row"
              />
            ))}
            <Row
              point={value.totals}
              currency={value.currency}
              label="Whole period"
              testId="finops-unit-cost-total-row"
            />
          </TableBody>
        </Table>
      )}
    </>
  );
};
