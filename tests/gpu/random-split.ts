// Random images as bytes (as the GPU holds them) and random labels, uploaded to a test file's device: for gradient checks.
import { PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import { uploadDataset, type GpuSplit } from '../../src/engine/gpu/dataset';
import { createRng } from '../../src/engine/random';
import type { TestGpu } from './context';

export function randomSplit(count: number, seed: number): MnistSplit {
  const rng = createRng(seed);
  return { count, images: Uint8Array.from({ length: count * PIXELS_PER_IMAGE }, () => rng.int(256)), labels: Uint8Array.from({ length: count }, () => rng.int(10)) };
}

/** The split on the CPU, and on `gpu` as a training split. */
export function uploadedRandomSplit(gpu: TestGpu, count: number, seed: number): { split: MnistSplit; onGpu: GpuSplit } {
  const split = randomSplit(count, seed);
  return { split, onGpu: uploadDataset(gpu.ctx, { train: split, test: split }).train };
}
