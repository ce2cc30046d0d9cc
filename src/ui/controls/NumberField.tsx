// A number field that commits whole, valid values (Enter, blur, a pause in typing) and keeps an invalid one to itself,
// saying why at the field; Escape puts back the committed value.
import type { ReactNode } from 'react';
import { Field, type FieldBase } from './Field';
import type { NumberCheck } from './number-text';
import { useNumberDraft } from './useNumberDraft';

export interface NumberFieldProps extends FieldBase {
  value: number;
  /** Why a typed number (NaN when it is not one) is not allowed, or undefined when it is. */
  check: NumberCheck;
  onCommit(value: number): void;
  step?: number | 'any';
  min?: number;
  max?: number;
  extra?: ReactNode;
  className?: string;
}

export function NumberField({ value, check, onCommit, step = 'any', min, max, ...field }: NumberFieldProps) {
  const { inputProps, problem } = useNumberDraft({ value, check, onCommit, label: field.label ?? field.name });
  return (
    <Field {...field} problem={problem}>
      {(control) => (
        <input {...control} {...inputProps} type="number" inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'} step={step} min={min} max={max} />
      )}
    </Field>
  );
}
