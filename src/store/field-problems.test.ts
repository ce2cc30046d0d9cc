// unit: pending field problems — registered while a field's text is invalid, cleared after, and the one-line reason.
import { beforeEach, describe, expect, it } from 'vitest';
import { clearFieldProblem, fieldProblemReason, firstFieldProblem, reportFieldProblem, useFieldProblems } from './field-problems';

const problems = () => useFieldProblems.getState().problems;

beforeEach(() => {
  useFieldProblems.setState(useFieldProblems.getInitialState(), true);
});

describe('field problems', () => {
  it('holds each field’s latest problem, in the order they arose, until the field clears it', () => {
    reportFieldProblem('lr', { label: 'Learning rate', message: 'Must be at most 10.' });
    reportFieldProblem('units', { label: 'Units of layer 2', message: 'layer 2: units must be at least 1' });
    reportFieldProblem('lr', { label: 'Learning rate', message: 'Enter a number.' });
    expect(firstFieldProblem()).toEqual({ label: 'Learning rate', message: 'Enter a number.' });
    expect(Object.keys(problems())).toEqual(['lr', 'units']);
    clearFieldProblem('lr');
    expect(firstFieldProblem()).toEqual({ label: 'Units of layer 2', message: 'layer 2: units must be at least 1' });
    clearFieldProblem('units');
    expect(problems()).toEqual({});
  });

  it('leaves the state as it is when a field without a problem clears', () => {
    const before = useFieldProblems.getState();
    clearFieldProblem('nothing');
    expect(useFieldProblems.getState()).toBe(before);
  });
});

describe('fieldProblemReason', () => {
  const problem = (label: string) => ({ label, message: 'x' });

  it('is undefined when no field has a problem', () => {
    expect(fieldProblemReason({})).toBeUndefined();
  });

  it('names the fields in a sentence, keeping names that are not plain words as they are', () => {
    expect(fieldProblemReason({ a: problem('Learning rate') })).toBe('Fix the learning rate field to train.');
    expect(fieldProblemReason({ a: problem('β1'), b: problem('Units of layer 2') })).toBe('Fix the β1 and units of layer 2 fields to train.');
    expect(fieldProblemReason({ a: problem('LR schedule'), b: problem('ε'), c: problem('Epochs') })).toBe('Fix the LR schedule, ε and epochs fields to train.');
  });
});
