// Fields whose text is not a valid value yet: while one stands, nothing may train or be shared (the value in use is another).
import { create } from 'zustand';

/** A field's name as its label says it ("Learning rate", "Units of layer 2") and why its text is not valid. */
export interface FieldProblem {
  label: string;
  message: string;
}

/** Field id → its problem, in the order they arose. */
export type FieldProblems = Readonly<Record<string, FieldProblem>>;

export const useFieldProblems = create<{ problems: FieldProblems }>()(() => ({ problems: {} }));

/** A field registers its problem while its text is invalid. */
export function reportFieldProblem(id: string, problem: FieldProblem): void {
  useFieldProblems.setState((state) => ({ problems: { ...state.problems, [id]: problem } }));
}

/** A field clears its problem once its text is valid again, reverted, or gone. */
export function clearFieldProblem(id: string): void {
  useFieldProblems.setState((state) => {
    if (!(id in state.problems)) return state;
    const { [id]: _, ...others } = state.problems;
    return { problems: others };
  });
}

/** The problem that arose first, if any. */
export function firstFieldProblem(problems: FieldProblems = useFieldProblems.getState().problems): FieldProblem | undefined {
  return Object.values(problems)[0];
}

/** "Learning rate" → "learning rate", leaving names that start with a capitalised word ("LR schedule") as they are. */
const inSentence = (label: string): string => (/^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/** "a", "a and b", "a, b and c". */
function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Why training cannot start, in one line ("Fix the learning rate field to train."), or undefined when no field has a problem. */
export function fieldProblemReason(problems: FieldProblems): string | undefined {
  const labels = Object.values(problems).map((problem) => inSentence(problem.label));
  if (labels.length === 0) return undefined;
  return `Fix the ${listed(labels)} field${labels.length === 1 ? '' : 's'} to train.`;
}

/** The one-line reason while a field has a problem (Train, Resume and Step stay off then), else undefined. */
export const useFieldProblemReason = (): string | undefined => useFieldProblems((state) => fieldProblemReason(state.problems));
