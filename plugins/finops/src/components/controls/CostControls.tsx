import Box from '@material-ui/core/Box';
import { GranularityPicker, GroupByPicker, MeasurePicker } from './CostPickers';
import { PeriodPicker } from './PeriodPicker';
import type { CostQueryState } from './useCostQuery';

/** The pickers above a cost chart; group-by only where the view breaks down. */
export const CostControls = ({
  query,
  groupBy,
}: {
  query: CostQueryState;
  groupBy?: { withChildren: boolean };
}) => (
  <Box
    display="flex"
    flexWrap="wrap"
    gridGap={12}
    alignItems="flex-start"
    component="form"
    aria-label="Cost filters"
    onSubmit={(e: { preventDefault: () => void }) => e.preventDefault()}
  >
    <PeriodPicker value={query.period} onChange={query.setPeriod} />
    <GranularityPicker
      value={query.granularity}
      onChange={query.setGranularity}
    />
    <MeasurePicker value={query.measure} onChange={query.setMeasure} />
    {groupBy && (
      <GroupByPicker
        value={query.groupBy}
        onChange={query.setGroupBy}
        withChildren={groupBy.withChildren}
      />
    )}
  </Box>
);
