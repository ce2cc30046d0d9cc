// The text of a number field while someone types: what it stands for (committed, pending, invalid) and how it changes.

/** Why a number is not allowed, or undefined when it is; it also sees NaN (empty or non-numeric text). */
export type NumberCheck = (value: number) => string | undefined;

/** What the text in a field stands for. */
export type NumberReading =
  /** The committed value itself (its text may differ: "0.50" for 0.5). */
  | { state: 'committed' }
  /** A whole, valid value that is not committed yet. */
  | { state: 'pending'; value: number }
  /** Text that must not be committed, and why. */
  | { state: 'invalid'; problem: string };

/** The text in a field and the value committed last (the one everything downstream sees). */
export interface NumberDraft {
  text: string;
  committed: number;
}

export type NumberDraftAction =
  /** The person changed the text. */
  | { type: 'edit'; text: string }
  /** Escape: back to the committed value. */
  | { type: 'revert' }
  /** A value was committed, by this field or from elsewhere (a preset, a link, the slider). */
  | { type: 'committed'; value: number };

/** The number typed, or NaN when the field is empty or not a number. */
export function parseNumberText(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The text a number field shows for a stored value (empty for NaN). */
export function numberText(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

/** Whether the typed text already stands for `value`, so the field keeps what the person typed ("1.50" for 1.5). */
export function textMatches(text: string, value: number): boolean {
  return Object.is(parseNumberText(text), value);
}

/** What `text` stands for: the committed value (whose checks are the store's business), or a typed one, checked. */
export function readNumberText(text: string, committed: number, check: NumberCheck): NumberReading {
  if (textMatches(text, committed)) return { state: 'committed' };
  const value = parseNumberText(text);
  const problem = check(value) ?? (Number.isFinite(value) ? undefined : 'Enter a number.');
  return problem ? { state: 'invalid', problem } : { state: 'pending', value };
}

export const startDraft = (value: number): NumberDraft => ({ text: numberText(value), committed: value });

export function numberDraftReducer(draft: NumberDraft, action: NumberDraftAction): NumberDraft {
  switch (action.type) {
    case 'edit':
      return { ...draft, text: action.text };
    case 'revert':
      return startDraft(draft.committed);
    case 'committed':
      // Text that stands for the new value stays as typed; anything else gives way to it.
      return { committed: action.value, text: textMatches(draft.text, action.value) ? draft.text : numberText(action.value) };
  }
}

/** A check for a number between min and max (each bound inclusive unless said; whole when `integer`), with a message saying so; what is not a number is left to readNumberText. */
export function rangeCheck(min: number, max: number, { integer = false, minExclusive = false, maxExclusive = false } = {}): NumberCheck {
  return (value) => {
    if (!Number.isFinite(value)) return undefined;
    if (integer && !Number.isInteger(value)) return 'Enter a whole number.';
    if (minExclusive ? value <= min : value < min) return minExclusive ? `Must be more than ${min}.` : `Must be at least ${min}.`;
    if (maxExclusive ? value >= max : value > max) return maxExclusive ? `Must be less than ${max}.` : `Must be at most ${max}.`;
    return undefined;
  };
}
