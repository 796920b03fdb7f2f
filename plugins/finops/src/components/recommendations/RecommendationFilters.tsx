import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_SUBCATEGORIES,
  type ImplementationEffort,
  type RecommendationStatus,
  type RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import type { FinopsRecommendationsQuery } from '../../api';
import { SelectPicker } from '../controls/SelectPicker';
import { EFFORTS, OPEN_STATUSES, STATUS_LABELS } from './labels';

const ALL = 'all';

/** The table's filters; `all` selects every value of a dimension. */
export interface RecommendationFilterValues {
  status: RecommendationStatus[];
  subcategory: RecommendationSubcategory | typeof ALL;
  source: string;
  effort: ImplementationEffort | typeof ALL;
}

/** What the tab opens on: the backlog, everything else unfiltered. */
export const DEFAULT_FILTERS: RecommendationFilterValues = {
  status: OPEN_STATUSES,
  subcategory: ALL,
  source: ALL,
  effort: ALL,
};

export function isDefaultFilters(filters: RecommendationFilterValues): boolean {
  return (
    filters.subcategory === ALL &&
    filters.source === ALL &&
    filters.effort === ALL &&
    [...filters.status].sort().join() === [...OPEN_STATUSES].sort().join()
  );
}

/** The filters as the API's query; no status selected means every status. */
export function toQuery(
  filters: RecommendationFilterValues,
): FinopsRecommendationsQuery {
  const pick = <T extends string>(value: T | typeof ALL) =>
    value === ALL ? undefined : (value as T);
  return {
    status: filters.status.length > 0 ? filters.status : undefined,
    subcategory: pick(filters.subcategory),
    source: pick(filters.source),
    effort: pick(filters.effort),
  };
}

const withAll = <T extends string>(label: string, values: readonly T[]) => [
  { value: ALL as T | typeof ALL, label },
  ...values.map(v => ({ value: v as T | typeof ALL, label: String(v) })),
];

/** Status (several at once), subcategory, source and effort. */
export const RecommendationFilters = ({
  value,
  onChange,
  sources,
}: {
  value: RecommendationFilterValues;
  onChange: (value: RecommendationFilterValues) => void;
  /** The sources seen so far, for the source filter's options. */
  sources: string[];
}) => {
  // statuses in lifecycle order, whatever order they were ticked in
  const setStatus = (status: RecommendationStatus[]) =>
    onChange({
      ...value,
      status: RECOMMENDATION_STATUSES.filter(s => status.includes(s)),
    });
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      gridGap={12}
      data-testid="finops-rec-filters"
    >
      <TextField
        id="finops-rec-status"
        select
        label="Status"
        variant="outlined"
        size="small"
        style={{ minWidth: 220 }}
        value={value.status}
        onChange={e =>
          setStatus(e.target.value as unknown as RecommendationStatus[])
        }
        InputLabelProps={{ shrink: true }}
        SelectProps={{
          multiple: true,
          displayEmpty: true,
          renderValue: selected => {
            const list = selected as RecommendationStatus[];
            return list.length === 0
              ? 'All statuses'
              : list.map(s => STATUS_LABELS[s]).join(', ');
          },
        }}
      >
        {RECOMMENDATION_STATUSES.map(s => (
          <MenuItem key={s} value={s}>
            <Checkbox
              size="small"
              checked={value.status.includes(s)}
              inputProps={{ 'aria-hidden': true }}
              tabIndex={-1}
              style={{ padding: 4 }}
            />
            <ListItemText primary={STATUS_LABELS[s]} />
          </MenuItem>
        ))}
      </TextField>
      <SelectPicker
        id="finops-rec-subcategory"
        label="Subcategory"
        value={value.subcategory}
        options={withAll('All subcategories', RECOMMENDATION_SUBCATEGORIES)}
        onChange={subcategory => onChange({ ...value, subcategory })}
        minWidth={200}
      />
      <SelectPicker
        id="finops-rec-source"
        label="Source"
        value={value.source}
        options={withAll('All sources', sources)}
        onChange={source => onChange({ ...value, source })}
        minWidth={180}
      />
      <SelectPicker
        id="finops-rec-effort"
        label="Effort"
        value={value.effort}
        options={withAll('Any effort', EFFORTS)}
        onChange={effort => onChange({ ...value, effort })}
        minWidth={140}
      />
    </Box>
  );
};
