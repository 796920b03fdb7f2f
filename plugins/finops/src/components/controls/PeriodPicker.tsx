import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import {
  PERIOD_LABELS,
  PERIOD_PRESETS,
  type DateRange,
  type PeriodPreset,
  type PeriodValue,
  isValidRange,
  presetRange,
} from './periods';
import { SelectPicker } from './SelectPicker';

const PRESET_OPTIONS = PERIOD_PRESETS.map(p => ({
  value: p,
  label: PERIOD_LABELS[p],
}));

/** Picks a preset period, or custom from/to days. */
export const PeriodPicker = ({
  value,
  onChange,
}: {
  value: PeriodValue;
  onChange: (value: PeriodValue) => void;
}) => {
  const invalid = value.preset === 'custom' && !isValidRange(value.custom);
  const choose = (preset: PeriodPreset) =>
    onChange({
      preset,
      // a custom period starts from the preset the user was looking at
      custom:
        preset === 'custom' && value.preset !== 'custom'
          ? presetRange(value.preset)
          : value.custom,
    });
  const setDay = (end: keyof DateRange, day: string) =>
    onChange({ ...value, custom: { ...value.custom, [end]: day } });
  return (
    <Box display="flex" gridGap={8} alignItems="flex-start">
      <SelectPicker
        id="finops-period"
        label="Period"
        value={value.preset}
        options={PRESET_OPTIONS}
        onChange={choose}
      />
      {value.preset === 'custom' && (
        <>
          <TextField
            id="finops-period-from"
            type="date"
            label="From"
            variant="outlined"
            size="small"
            InputLabelProps={{ shrink: true }}
            value={value.custom.from}
            error={invalid}
            onChange={e => setDay('from', e.target.value)}
          />
          <TextField
            id="finops-period-to"
            type="date"
            label="To"
            variant="outlined"
            size="small"
            InputLabelProps={{ shrink: true }}
            value={value.custom.to}
            error={invalid}
            helperText={invalid ? 'Pick a start before the end' : undefined}
            onChange={e => setDay('to', e.target.value)}
          />
        </>
      )}
    </Box>
  );
};
