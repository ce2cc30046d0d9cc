// The real MNIST dataset for gpu-tier tests: parsed once per test file, and uploaded to the file's device once.
import { parseMnist, type MnistDataset } from '../../src/engine/data/mnist';
import { uploadDataset, type GpuDataset } from '../../src/engine/gpu/dataset';
import { readMnistFiles } from '../../scripts/mnist-package';
import { testGpu, type TestGpu } from './context';

let parsed: MnistDataset | undefined;
let onDevice: Promise<{ gpu: TestGpu; dataset: GpuDataset }> | undefined;

export function mnistFromPackage(): MnistDataset {
  parsed ??= parseMnist(readMnistFiles());
  return parsed;
}

/** The test file's device with all of MNIST uploaded to it. */
export function testGpuWithMnist(): Promise<{ gpu: TestGpu; dataset: GpuDataset }> {
  onDevice ??= testGpu().then((gpu) => ({ gpu, dataset: uploadDataset(gpu.ctx, mnistFromPackage()) }));
  return onDevice;
}
