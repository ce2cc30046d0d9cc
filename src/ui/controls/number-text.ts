// The text of a number field while someone types, and the number it stands for.
import { useState } from 'react';

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

/**
 * The text of a field showing `value`: what the person typed while it still stands for `value` ("1.50", "", "0."),
 * else `value` itself once it changes elsewhere (a preset, a link, the slider).
 */
export function useNumberText(value: number): [text: string, setText: (text: string) => void] {
  const [text, setText] = useState(() => numberText(value));
  const [shown, setShown] = useState(value);
  if (!Object.is(shown, value)) {
    setShown(value);
    if (!textMatches(text, value)) setText(numberText(value));
  }
  return [text, setText];
}
