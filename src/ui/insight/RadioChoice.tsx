// A small group of radio buttons under a legend: one choice of a few.
import { useId } from 'react';

interface RadioChoiceProps<T extends string> {
  legend: string;
  options: readonly (readonly [value: NoInfer<T>, label: string])[];
  value: T;
  onChange(value: NoInfer<T>): void;
}

export function RadioChoice<T extends string>({ legend, options, value, onChange }: RadioChoiceProps<T>) {
  const name = useId();
  return (
    <fieldset className="insight-choice">
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option}>
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}
