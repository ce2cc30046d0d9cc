// Unit tier: recall, precision and one-against-the-rest accuracy per class from a confusion matrix, zero rows and columns included.
import { describe, expect, it } from 'vitest';
import { classCount, classStats, overallFigures } from './confusion-stats';

// [true][predicted], 12 images: class 0 has 8 (6 right, 2 called 1); class 1 has 4 (3 right, 1 called 2); class 2 has none.
const THREE = [6, 2, 0, 0, 3, 1, 0, 0, 0];

describe('classStats', () => {
  it('reads recall from rows, precision from columns, and accuracy from both', () => {
    const [zero, one] = classStats(THREE);
    expect(zero).toEqual({ digit: 0, images: 8, predicted: 6, correct: 6, recall: 6 / 8, precision: 1, accuracy: 10 / 12 });
    expect(one).toEqual({ digit: 1, images: 4, predicted: 5, correct: 3, recall: 3 / 4, precision: 3 / 5, accuracy: 9 / 12 });
  });

  it('has no recall for a class without images, and no precision for one never predicted', () => {
    const [, , two] = classStats(THREE);
    expect(two).toEqual({ digit: 2, images: 0, predicted: 1, correct: 0, recall: null, precision: 0, accuracy: 11 / 12 });
    const neverPredicted = classStats([1, 0, 4, 0]);
    expect(neverPredicted[1]).toMatchObject({ images: 4, predicted: 0, recall: 0, precision: null, accuracy: 1 / 5 });
  });

  it('gives nulls everywhere for an empty matrix', () => {
    for (const stats of classStats(new Array(100).fill(0))) expect(stats).toMatchObject({ recall: null, precision: null, accuracy: null });
  });

  it('refuses a matrix that is not square', () => {
    expect(() => classCount([1, 2, 3])).toThrow('a confusion matrix needs a square number of counts, got 3');
  });
});

describe('overallFigures', () => {
  it('counts the diagonal against every image', () => {
    expect(overallFigures(THREE)).toEqual({ correct: 9, total: 12, accuracy: 9 / 12 });
    expect(overallFigures([0, 0, 0, 0])).toEqual({ correct: 0, total: 0, accuracy: null });
  });
});
