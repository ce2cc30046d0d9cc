// Float64 reference of evaluation counts: argmax per row, correct predictions and a [true][predicted] confusion matrix.

/** Index of the largest of `classes` values from `offset`; ties go to the lowest index. */
export function argmax(values: ArrayLike<number>, offset: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) {
    if (values[offset + c]! > values[offset + best]!) best = c;
  }
  return best;
}

export interface EvaluationCounts {
  predictions: Uint32Array<ArrayBuffer>; // [rows]
  correct: number;
  confusion: Uint32Array<ArrayBuffer>; // [classes (true), classes (predicted)]
}

/** Counts over logits [rows, classes]; rows whose label is ≥ classes are predicted but not counted. */
export function evaluate(logits: ArrayLike<number>, labels: ArrayLike<number>, rows: number, classes: number): EvaluationCounts {
  const predictions = new Uint32Array(rows);
  const confusion = new Uint32Array(classes * classes);
  let correct = 0;
  for (let row = 0; row < rows; row++) {
    const predicted = argmax(logits, row * classes, classes);
    const label = labels[row]!;
    predictions[row] = predicted;
    if (label >= classes) continue;
    confusion[label * classes + predicted]!++;
    if (predicted === label) correct++;
  }
  return { predictions, correct, confusion };
}
