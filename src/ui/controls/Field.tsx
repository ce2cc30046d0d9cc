// The frame every field shares (its name, the control, a help line and a problem under it, tied by aria-describedby),
// and a select in that frame.
import { useId, type ReactNode } from 'react';
import './controls.css';

/** Where the field sits: the settings form, or a layer card in the builder (smaller, in a row of fields). */
export type FieldLook = 'settings' | 'builder';

const CLASS_NAMES: Record<FieldLook, { field: string; name: string }> = {
  settings: { field: 'field', name: 'field-name' },
  builder: { field: 'builder-field', name: 'builder-field-name' },
};

/** What every field takes besides its control. */
export interface FieldBase {
  /** The name shown. */
  name: string;
  /** The accessible name, when it says more than `name` ("Units of layer 2" for "Units"). */
  label?: string;
  /** One line on what the setting does. */
  help?: string;
  /** Ids of problems with the control's value reported elsewhere (the builder's layer issues); they mark it invalid. */
  issueIds?: string;
  disabled?: boolean;
  look?: FieldLook;
}

/** What the frame hands its control. */
export interface ControlProps {
  id: string;
  'aria-label': string | undefined;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  disabled: boolean | undefined;
}

interface FieldProps extends FieldBase {
  problem?: string;
  /** Controls that go with the field (the learning-rate slider, a New seed button). */
  extra?: ReactNode;
  className?: string;
  children(control: ControlProps): ReactNode;
}

export function Field({ name, label, help, problem, issueIds, disabled, look = 'settings', extra, className, children }: FieldProps) {
  const id = useId();
  const described = [issueIds, help && `${id}-help`, problem && `${id}-problem`].filter(Boolean).join(' ');
  const classes = CLASS_NAMES[look];
  return (
    <div className={[classes.field, className].filter(Boolean).join(' ')}>
      <label className={classes.name} htmlFor={id}>
        {name}
      </label>
      {children({ id, 'aria-label': label, 'aria-describedby': described || undefined, 'aria-invalid': problem || issueIds ? true : undefined, disabled })}
      {extra}
      {help && (
        <span className="field-help" id={`${id}-help`}>
          {help}
        </span>
      )}
      {problem && (
        <span className="field-problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

interface SelectFieldProps<T extends string> extends FieldBase {
  value: T;
  /** The choices in order, each with the name it shows. */
  options: readonly (readonly [value: T, name: string])[];
  onValue(value: T): void;
}

export function SelectField<T extends string>({ value, options, onValue, ...field }: SelectFieldProps<T>) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onValue(event.target.value as T)}>
          {options.map(([option, optionName]) => (
            <option key={option} value={option}>
              {optionName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
