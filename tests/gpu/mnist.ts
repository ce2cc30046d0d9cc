// The real MNIST dataset for gpu-tier tests, parsed once per test file.
import { parseMnist, type MnistDataset } from '../../src/engine/data/mnist';
import { readMnistFiles } from '../../scripts/mnist-package';

let parsed: MnistDataset | undefined;

export function mnistFromPackage(): MnistDataset {
  parsed ??= parseMnist(readMnistFiles());
  return parsed;
}
