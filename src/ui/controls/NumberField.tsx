// A labelled number input that keeps what is typed, checks it, and hands on only valid values.
import { useId } from 'react';
import { parseNumberText, useNumberText } from './number-text';

export interface NumberFieldProps {
  label: string;
  value: number;
  /** Why a typed number is not allowed, or undefined when it is. */
  check(value: number): string | undefined;
  onCommit(value: number): void;
  step?: number | 'any';
  min?: number;
  max?: number;
  disabled?: boolean;
  /** Shown after the input, e.g. a unit. */
  hint?: string;
}

export function NumberField({ label, value, check, onCommit, step = 'any', min, max, disabled, hint }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useNumberText(value);
  const typed = parseNumberText(text);
  const problem = Number.isFinite(typed) ? check(typed) : 'Enter a number.';
  return (
    <label className="field">
      <span className="field-name">{label}</span>
      <input
        type="number"
        value={text}
        step={step}
        min={min}
        max={max}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const number = parseNumberText(event.target.value);
          if (Number.isFinite(number) && !check(number)) onCommit(number);
        }}
      />
      {hint && <span className="field-hint">{hint}</span>}
      {problem && (
        <span className="field-problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

/** A check for a number between min and max (each bound inclusive unless said; whole when `integer`), with a message saying so. */
export function rangeCheck(min: number, max: number, { integer = false, minExclusive = false, maxExclusive = false } = {}) {
  return (value: number): string | undefined => {
    if (integer && !Number.isInteger(value)) return 'Enter a whole number.';
    if (minExclusive ? value <= min : value < min) return minExclusive ? `Must be more than ${min}.` : `Must be at least ${min}.`;
    if (maxExclusive ? value >= max : value > max) return maxExclusive ? `Must be less than ${max}.` : `Must be at most ${max}.`;
    return undefined;
  };
}
