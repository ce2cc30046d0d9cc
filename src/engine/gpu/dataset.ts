// Uploads MNIST to the GPU once: images as packed bytes (4 pixels per u32), labels as bytes.
import type { MnistDataset, MnistSplit } from '../data/mnist';
import type { GpuContext } from './device';

export interface GpuSplit {
  count: number;
  /** Pixels of one image (784 for MNIST), a multiple of 4. */
  pixelsPerImage: number;
  images: GPUBuffer; // u32 [count, pixelsPerImage / 4]: 4 pixels per word
  labels: GPUBuffer; // u32 [ceil(count / 4)]: 4 labels per word
}

export interface GpuDataset {
  train: GpuSplit;
  test: GpuSplit;
  /** Bytes the dataset occupies on the GPU. */
  bytes: number;
  dispose(): void;
}

function uploadSplit(ctx: GpuContext, name: string, split: MnistSplit): GpuSplit {
  const usage = GPUBufferUsage.STORAGE;
  return {
    count: split.count,
    pixelsPerImage: split.images.length / split.count,
    images: ctx.buffers.createWithData(`${name} images (u8x4)`, split.images, usage),
    labels: ctx.buffers.createWithData(`${name} labels (u8x4)`, split.labels, usage),
  };
}

export function uploadDataset(ctx: GpuContext, dataset: MnistDataset): GpuDataset {
  const train = uploadSplit(ctx, 'train', dataset.train);
  const test = uploadSplit(ctx, 'test', dataset.test);
  const all = [train.images, train.labels, test.images, test.labels];
  return {
    train,
    test,
    bytes: all.reduce((sum, buffer) => sum + buffer.size, 0),
    dispose: () => all.forEach((buffer) => ctx.buffers.destroy(buffer)),
  };
}
