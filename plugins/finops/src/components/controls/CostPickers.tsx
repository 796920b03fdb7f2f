import {
  COST_GROUP_BY,
  COST_MEASURES,
  type CostGroupBy,
  type CostMeasure,
} from '@costwise/plugin-finops-common';
import { GROUP_BY_LABELS, MEASURE_LABELS } from '../shared/labels';
import { SelectPicker } from './SelectPicker';

export type Granularity = 'day' | 'month';

const GRANULARITY_OPTIONS = [
  { value: 'day' as const, label: 'Daily' },
  { value: 'month' as const, label: 'Monthly' },
];

const MEASURE_OPTIONS = COST_MEASURES.map(m => ({
  value: m,
  label: MEASURE_LABELS[m],
}));

export const GranularityPicker = (props: {
  value: Granularity;
  onChange: (value: Granularity) => void;
}) => (
  <SelectPicker
    id="finops-granularity"
    label="Granularity"
    options={GRANULARITY_OPTIONS}
    minWidth={120}
    {...props}
  />
);

export const MeasurePicker = (props: {
  value: CostMeasure;
  onChange: (value: CostMeasure) => void;
}) => (
  <SelectPicker
    id="finops-measure"
    label="Measure"
    options={MEASURE_OPTIONS}
    minWidth={200}
    {...props}
  />
);

/** Breakdowns; `child` only where the entity has members to break down by. */
export const GroupByPicker = ({
  value,
  onChange,
  withChildren,
}: {
  value: CostGroupBy;
  onChange: (value: CostGroupBy) => void;
  withChildren: boolean;
}) => (
  <SelectPicker
    id="finops-group-by"
    label="Group by"
    value={value}
    onChange={onChange}
    options={COST_GROUP_BY.filter(
      g => withChildren || !['child', 'team', 'system'].includes(g),
    ).map(g => ({ value: g, label: GROUP_BY_LABELS[g] }))}
  />
);
