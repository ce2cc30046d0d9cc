// Float64 reference of evaluation counts: argmax per row and its softmax probability, correct predictions, a [true][predicted] confusion matrix.

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
  confidence: Float64Array<ArrayBuffer>; // [rows]: softmax probability of the predicted class
  correct: number;
  confusion: Uint32Array<ArrayBuffer>; // [classes (true), classes (predicted)]
}

/** softmax(x)[top] over `classes` values from `offset`: 1 / Σ_c exp(x_c − x_top). */
export function topProbability(values: ArrayLike<number>, offset: number, classes: number, top: number): number {
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += Math.exp(values[offset + c]! - values[offset + top]!);
  return 1 / sum;
}

/** Counts over logits [rows, classes]; rows whose label is ≥ classes are predicted but not counted. */
export function evaluate(logits: ArrayLike<number>, labels: ArrayLike<number>, rows: number, classes: number): EvaluationCounts {
  const predictions = new Uint32Array(rows);
  const confidence = new Float64Array(rows);
  const confusion = new Uint32Array(classes * classes);
  let correct = 0;
  for (let row = 0; row < rows; row++) {
    const predicted = argmax(logits, row * classes, classes);
    const label = labels[row]!;
    predictions[row] = predicted;
    confidence[row] = topProbability(logits, row * classes, classes, predicted);
    if (label >= classes) continue;
    confusion[label * classes + predicted]!++;
    if (predicted === label) correct++;
  }
  return { predictions, confidence, correct, confusion };
}
