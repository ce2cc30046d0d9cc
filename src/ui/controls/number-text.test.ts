// unit: number fields keep what is typed, and only a whole, valid value is ever offered for commit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  numberDraftReducer,
  numberText,
  parseNumberText,
  rangeCheck,
  readNumberText,
  startDraft,
  textMatches,
  type NumberDraft,
  type NumberDraftAction,
} from './number-text';

const atMostTen = rangeCheck(0, 10, { minExclusive: true });
const wholeUpTo = rangeCheck(1, 4096, { integer: true });

/** Types `text` one character at a time, as a person does, from an empty field. */
function typed(text: string, committed: number): NumberDraft[] {
  const drafts: NumberDraft[] = [];
  let draft: NumberDraft = { text: '', committed };
  for (let i = 1; i <= text.length; i++) drafts.push((draft = numberDraftReducer(draft, { type: 'edit', text: text.slice(0, i) })));
  return drafts;
}

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

describe('readNumberText', () => {
  it('reads each keystroke of "100" in a learning-rate field: pending 1, pending 10, then invalid', () => {
    expect(typed('100', 0.001).map((draft) => readNumberText(draft.text, draft.committed, atMostTen))).toEqual([
      { state: 'pending', value: 1 },
      { state: 'pending', value: 10 },
      { state: 'invalid', problem: 'Must be at most 10.' },
    ]);
  });

  it('reads the committed value, however it is written, as committed', () => {
    expect(readNumberText('0.0010', 0.001, atMostTen)).toEqual({ state: 'committed' });
    expect(readNumberText('1e-3', 0.001, atMostTen)).toEqual({ state: 'committed' });
  });

  it('says why text is not a number, unless the check words it itself', () => {
    expect(readNumberText('', 64, wholeUpTo)).toEqual({ state: 'invalid', problem: 'Enter a number.' });
    expect(readNumberText('', 64, (value) => (Number.isNaN(value) ? 'layer 2: units must be a number' : undefined))).toEqual({
      state: 'invalid',
      problem: 'layer 2: units must be a number',
    });
    expect(readNumberText('Infinity', 1, () => undefined)).toEqual({ state: 'invalid', problem: 'Enter a number.' });
  });

  it('offers for commit only finite values the check allows, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.double({ noNaN: true }), (text, committed) => {
        const reading = readNumberText(text, committed, wholeUpTo);
        if (reading.state !== 'pending') return;
        expect(Number.isInteger(reading.value) && reading.value >= 1 && reading.value <= 4096).toBe(true);
        expect(reading.value).toBe(parseNumberText(text));
      }),
    );
  });
});

describe('numberDraftReducer', () => {
  const action = fc.oneof(
    fc.string({ maxLength: 6 }).map((text): NumberDraftAction => ({ type: 'edit', text })),
    fc.constant<NumberDraftAction>({ type: 'revert' }),
    fc.integer({ min: 1, max: 4096 }).map((value): NumberDraftAction => ({ type: 'committed', value })),
  );

  it('puts back the committed value on revert, after any edits', () => {
    fc.assert(
      fc.property(fc.array(action), fc.integer({ min: 1, max: 4096 }), (actions, start) => {
        const draft = numberDraftReducer(actions.reduce(numberDraftReducer, startDraft(start)), { type: 'revert' });
        expect(readNumberText(draft.text, draft.committed, wholeUpTo)).toEqual({ state: 'committed' });
      }),
    );
  });

  it('shows a value committed elsewhere, unless the text already stands for it', () => {
    fc.assert(
      fc.property(fc.array(action), fc.integer({ min: 1, max: 4096 }), (actions, value) => {
        const before = actions.reduce(numberDraftReducer, startDraft(64));
        const after = numberDraftReducer(before, { type: 'committed', value });
        expect(after).toEqual({ committed: value, text: textMatches(before.text, value) ? before.text : String(value) });
      }),
    );
  });

  it('keeps the typed text when its own commit comes back ("0.50" stays "0.50")', () => {
    const draft = numberDraftReducer(numberDraftReducer(startDraft(0.2), { type: 'edit', text: '0.50' }), { type: 'committed', value: 0.5 });
    expect(draft).toEqual({ text: '0.50', committed: 0.5 });
  });
});

describe('rangeCheck', () => {
  it('words each bound, exclusive or not, and wholeness', () => {
    expect(atMostTen(0)).toBe('Must be more than 0.');
    expect(atMostTen(10)).toBeUndefined();
    expect(rangeCheck(0, 1, { maxExclusive: true })(1)).toBe('Must be less than 1.');
    expect(wholeUpTo(0)).toBe('Must be at least 1.');
    expect(wholeUpTo(2.5)).toBe('Enter a whole number.');
    expect(wholeUpTo(256)).toBeUndefined();
  });
});
