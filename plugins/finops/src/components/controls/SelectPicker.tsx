import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** Props of {@link SelectPicker}. */
export interface SelectPickerProps<T extends string> {
  /** Ties the label to the select, which is what screen readers announce. */
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  minWidth?: number;
}

/** A labelled outlined select, the shape every picker of the cost views shares. */
export function SelectPicker<T extends string>(props: SelectPickerProps<T>) {
  const { id, label, value, options, onChange, minWidth = 160 } = props;
  return (
    <TextField
      id={id}
      select
      label={label}
      variant="outlined"
      size="small"
      value={value}
      onChange={e => onChange(e.target.value as T)}
      style={{ minWidth }}
    >
      {options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
