// Figures read off a confusion matrix ([true][predicted] counts, row-major): per class recall, precision and accuracy, and overall.

export interface ClassStats {
  digit: number;
  /** Test images of this class (the row's sum). */
  images: number;
  /** Test images predicted as this class (the column's sum). */
  predicted: number;
  /** Images of this class predicted as it (the diagonal cell). */
  correct: number;
  /** correct / images: the share of this class's images found; null without images of it. */
  recall: number | null;
  /** correct / predicted: the share of the predictions of this class that are right; null when it was never predicted. */
  precision: number | null;
  /** One class against the rest: the share of all images where "is it this class?" is answered right; null without images. */
  accuracy: number | null;
}

export interface OverallFigures {
  correct: number;
  total: number;
  /** correct / total; null without images. */
  accuracy: number | null;
}

/** How many classes a flat square matrix has; throws unless `confusion.length` is a square. */
export function classCount(confusion: readonly number[]): number {
  const classes = Math.round(Math.sqrt(confusion.length));
  if (classes * classes !== confusion.length) throw new RangeError(`a confusion matrix needs a square number of counts, got ${confusion.length}`);
  return classes;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function classStats(confusion: readonly number[]): ClassStats[] {
  const classes = classCount(confusion);
  const total = confusion.reduce((sum, count) => sum + count, 0);
  const cell = (row: number, column: number) => confusion[row * classes + column]!;
  return Array.from({ length: classes }, (_, digit) => {
    let [images, predicted] = [0, 0];
    for (let other = 0; other < classes; other++) {
      images += cell(digit, other);
      predicted += cell(other, digit);
    }
    const correct = cell(digit, digit);
    // Right "no"s are every image in neither this row nor this column.
    const rightNo = total - images - predicted + correct;
    return { digit, images, predicted, correct, recall: share(correct, images), precision: share(correct, predicted), accuracy: share(correct + rightNo, total) };
  });
}

export function overallFigures(confusion: readonly number[]): OverallFigures {
  const classes = classCount(confusion);
  const total = confusion.reduce((sum, count) => sum + count, 0);
  let correct = 0;
  for (let digit = 0; digit < classes; digit++) correct += confusion[digit * classes + digit]!;
  return { correct, total, accuracy: share(correct, total) };
}
