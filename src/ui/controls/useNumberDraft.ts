// A number field's typed text, committed as a whole value on Enter, on blur or after a pause in typing, never per keystroke.
import { useEffect, useEffectEvent, useId, useReducer, type ChangeEvent, type KeyboardEvent } from 'react';
import { clearFieldProblem, reportFieldProblem } from '../../store/field-problems';
import { numberDraftReducer, readNumberText, startDraft, type NumberCheck } from './number-text';

/** How long typing must pause before a valid value commits: long enough for "256" typed at a steady pace. */
export const COMMIT_PAUSE_MS = 1000;

export interface NumberDraftOptions {
  /** The committed value (from the store). */
  value: number;
  check: NumberCheck;
  onCommit(value: number): void;
  /** The field's name in a pending problem ("Learning rate", "Units of layer 2"). */
  label: string;
}

/** The input's text and handlers, and the problem with the text while it is invalid (then also in the pending problems). */
export function useNumberDraft({ value, check, onCommit, label }: NumberDraftOptions) {
  const [draft, dispatch] = useReducer(numberDraftReducer, value, startDraft);
  if (!Object.is(draft.committed, value)) dispatch({ type: 'committed', value });
  const reading = readNumberText(draft.text, value, check);
  const pending = reading.state === 'pending';
  const problem = reading.state === 'invalid' ? reading.problem : undefined;

  const commit = () => {
    if (reading.state === 'pending') onCommit(reading.value);
  };
  const commitAfterPause = useEffectEvent(commit);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(commitAfterPause, COMMIT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [pending, draft.text]); // every keystroke starts the pause again

  const id = useId();
  useEffect(() => {
    if (!problem) return;
    reportFieldProblem(id, { label, message: problem });
    return () => clearFieldProblem(id);
  }, [id, label, problem]);

  const inputProps = {
    value: draft.text,
    onChange: (event: ChangeEvent<HTMLInputElement>) => dispatch({ type: 'edit', text: event.target.value }),
    onBlur: commit,
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') commit();
      if (event.key === 'Escape') dispatch({ type: 'revert' });
    },
  };
  return { inputProps, problem };
}
