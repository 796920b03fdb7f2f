import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { KpiValue } from '@costwise/plugin-finops-common';
import {
  formatKpiTarget,
  formatKpiValue,
  TARGET_SOURCE_LABELS,
} from './kpiFormat';

/** The KPI's title; its description on hover and on keyboard focus. */
export const KpiTitle = ({ kpi }: { kpi: KpiValue }) => (
  <Tooltip title={kpi.description} placement="top-start">
    <span
      // the tooltip's trigger must be reachable without a mouse (WAI-ARIA tooltip pattern)
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      style={{ borderBottom: '1px dotted', cursor: 'help' }}
    >
      {kpi.title}
    </span>
  </Tooltip>
);

/**
 * The value in its unit. Without one: "Not measured yet" and why, never a
 * zero the KPI does not have.
 */
export const KpiValueText = ({
  kpi,
  currency,
}: {
  kpi: KpiValue;
  currency: string;
}) => (
  <Box>
    <Typography
      variant="body2"
      color={kpi.value === null ? 'textSecondary' : 'textPrimary'}
      style={{
        whiteSpace: 'nowrap',
        fontWeight: kpi.value === null ? 400 : 500,
      }}
      data-testid="finops-kpi-value"
    >
      {formatKpiValue(kpi, currency)}
    </Typography>
    {kpi.message && (
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        data-testid="finops-kpi-message"
      >
        {kpi.message}
      </Typography>
    )}
  </Box>
);

/** The target with the side that meets it, and where it comes from. */
export const KpiTargetText = ({
  kpi,
  currency,
}: {
  kpi: KpiValue;
  currency: string;
}) => (
  <Box>
    <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
      {formatKpiTarget(kpi, currency)}
    </Typography>
    {kpi.target !== null && kpi.targetSource !== 'none' && (
      <Typography variant="caption" color="textSecondary" display="block">
        {TARGET_SOURCE_LABELS[kpi.targetSource] ?? kpi.targetSource}
      </Typography>
    )}
  </Box>
);

/** The row's data attributes, for browser tests to compare with the API. */
export const kpiRowData = (kpi: KpiValue) => ({
  'data-kpi': kpi.id,
  'data-value': kpi.value === null ? '' : String(kpi.value),
  'data-status': kpi.status,
  'data-target': kpi.target === null ? '' : String(kpi.target),
});
