import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import HighlightOff from '@material-ui/icons/HighlightOff';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import type { KpiStatus } from '@costwise/plugin-finops-common';
import { statusColors } from '../shared/statusColors';
import { KPI_STATUS_LABELS } from './kpiFormat';

const useStyles = makeStyles(theme => ({
  met: {
    color: statusColors(theme).good,
    borderColor: statusColors(theme).good,
  },
  'at-risk': {
    color: statusColors(theme).warn,
    borderColor: statusColors(theme).warn,
  },
  missed: {
    color: statusColors(theme).bad,
    borderColor: statusColors(theme).bad,
  },
  'not-measured': {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.divider,
  },
  icon: { color: 'inherit' },
  small: { fontSize: '1rem', verticalAlign: 'text-bottom' },
}));

/** Each status has its own shape, so that colour is never the only sign. */
const ICONS = {
  met: CheckCircleOutline,
  'at-risk': ReportProblemOutlined,
  missed: HighlightOff,
  'not-measured': RemoveCircleOutline,
} as const;

/** A KPI's status against its target, in words, shape and colour. */
export const KpiStatusChip = ({ status }: { status: KpiStatus }) => {
  const classes = useStyles();
  const Icon = ICONS[status] ?? RemoveCircleOutline;
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[status]}
      icon={<Icon className={classes.icon} />}
      label={KPI_STATUS_LABELS[status] ?? status}
      data-testid="finops-kpi-status"
      data-status={status}
    />
  );
};

/** The status as an icon alone, named for screen readers, for dense tables. */
export const KpiStatusIcon = ({ status }: { status: KpiStatus }) => {
  const classes = useStyles();
  const Icon = ICONS[status] ?? RemoveCircleOutline;
  return (
    <Icon
      className={`${classes[status]} ${classes.small}`}
      titleAccess={KPI_STATUS_LABELS[status] ?? status}
      data-testid="finops-kpi-status-icon"
      data-status={status}
    />
  );
};
