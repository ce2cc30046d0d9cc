// unit: number fields keep what is typed and store what it stands for.
import { describe, expect, it } from 'vitest';
import { numberText, parseNumberText, textMatches } from './number-text';

describe('number field text', () => {
  it('reads empty or non-numeric text as NaN', () => {
    expect(parseNumberText('')).toBeNaN();
    expect(parseNumberText('  ')).toBeNaN();
    expect(parseNumberText('abc')).toBeNaN();
    expect(parseNumberText('64')).toBe(64);
    expect(parseNumberText('0.25')).toBe(0.25);
  });

  it('shows NaN as an empty field', () => {
    expect(numberText(Number.NaN)).toBe('');
    expect(numberText(0.2)).toBe('0.2');
  });

  it('keeps typed text that already stands for the stored value', () => {
    expect(textMatches('0.50', 0.5)).toBe(true);
    expect(textMatches('', Number.NaN)).toBe(true);
    expect(textMatches('64', 128)).toBe(false);
  });
});
