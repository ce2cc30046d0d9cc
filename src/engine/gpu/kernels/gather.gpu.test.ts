// gpu tier: the gather kernel against a CPU gather, on odd batch sizes, real MNIST and a ragged synthetic split.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, release, submit } from '../../../../tests/gpu/harness';
import { readMnistFiles } from '../../../../scripts/mnist-package';
import { PIXELS_PER_IMAGE, parseMnist, type MnistSplit } from '../../data/mnist';
import { createRng } from '../../random';
import { uploadDataset, type GpuSplit } from '../dataset';
import { readBuffer } from '../readback';
import { createGather } from './gather';

const NAN_BITS = 0x7fc00001;
const LABEL_POISON = 0xdeadbeef;
const INVALID_LABEL = 0xffffffff;

/** CPU gather: pixels scaled to [0, 1] (as float32) and labels, zeros/invalid for out-of-range indices. */
function gatherOnCpu(split: MnistSplit, indices: number[]) {
  const pixels = new Float32Array(indices.length * PIXELS_PER_IMAGE);
  const labels = new Uint32Array(indices.length);
  indices.forEach((source, row) => {
    if (source >= split.count) return void (labels[row] = INVALID_LABEL);
    for (let p = 0; p < PIXELS_PER_IMAGE; p++) pixels[row * PIXELS_PER_IMAGE + p] = split.images[source * PIXELS_PER_IMAGE + p]! / 255;
    labels[row] = split.labels[source]!;
  });
  return { pixels, labels };
}

/** Runs the kernel with poisoned outputs one row longer than the batch; returns outputs and the canary row. */
async function gatherOnGpu({ ctx, cache }: TestGpu, split: GpuSplit, indices: number[], indexOffset = 0) {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC;
  const batch = indices.length - indexOffset;
  const rows = batch + 1;
  const indexBuffer = ctx.buffers.createWithData('test indices', new Uint32Array(indices), GPUBufferUsage.STORAGE);
  const pixels = ctx.buffers.createWithData('test pixels', new Uint32Array(rows * PIXELS_PER_IMAGE).fill(NAN_BITS), usage);
  const labels = ctx.buffers.createWithData('test labels', new Uint32Array(rows).fill(LABEL_POISON), usage);
  const gather = await createGather(ctx, cache, { split, batch, indices: indexBuffer, pixels, labels });
  gather.setIndexOffsets([indexOffset]);
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass();
    gather.encode(pass);
    pass.end();
  });
  const outPixels = new Float32Array(await readBuffer(ctx, pixels));
  const outLabels = new Uint32Array(await readBuffer(ctx, labels));
  gather.dispose();
  [indexBuffer, pixels, labels].forEach((buffer) => ctx.buffers.destroy(buffer));
  const pixelCount = batch * PIXELS_PER_IMAGE;
  return {
    pixels: outPixels.subarray(0, pixelCount),
    labels: outLabels.subarray(0, batch),
    pixelCanary: new Uint32Array(outPixels.buffer, pixelCount * 4),
    labelCanary: outLabels[batch],
  };
}

function expectMatchesCpu(gpu: Awaited<ReturnType<typeof gatherOnGpu>>, cpu: ReturnType<typeof gatherOnCpu>) {
  expect(gpu.labels).toEqual(cpu.labels);
  // unpack4x8unorm and x / 255 may differ in the last bit.
  const worst = gpu.pixels.reduce((max, value, i) => Math.max(max, Math.abs(value - cpu.pixels[i]!)), 0);
  expect(worst).toBeLessThanOrEqual(2 ** -23);
  expect(gpu.pixels.every(Number.isFinite)).toBe(true);
  expect(gpu.pixelCanary.every((bits) => bits === NAN_BITS)).toBe(true);
  expect(gpu.labelCanary).toBe(LABEL_POISON);
}

const seed = Date.now() >>> 0;

describe(`gather_rows (seed ${seed})`, () => {
  let gpu: TestGpu;
  let mnist: ReturnType<typeof parseMnist>;
  let train: GpuSplit;

  beforeAll(async () => {
    gpu = await testGpu();
    mnist = parseMnist(readMnistFiles());
    train = uploadDataset(gpu.ctx, mnist).train;
  });

  it.each([1, 7, 65, 128])('gathers a batch of %i real MNIST rows, including both ends of the dataset', async (batch) => {
    const rng = createRng(seed + batch);
    const indices = Array.from({ length: batch }, () => rng.int(mnist.train.count));
    indices[0] = mnist.train.count - 1;
    if (batch > 1) indices[batch - 1] = 0;
    const gpuResult = await gatherOnGpu(gpu, train, indices);
    expectMatchesCpu(gpuResult, gatherOnCpu(mnist.train, indices));
  });

  it('starts at an index offset into a longer index list', async () => {
    const indices = [5, 6, 7, 59_999, 3, 59_998, 1];
    const offset = 3;
    const gpuResult = await gatherOnGpu(gpu, train, indices, offset);
    expectMatchesCpu(gpuResult, gatherOnCpu(mnist.train, indices.slice(offset)));
  });

  it('gathers from a different index offset per slot within one submit', async () => {
    const { ctx, cache } = gpu;
    const batch = 2;
    const indices = inputBuffer(ctx, 'slot indices', Uint32Array.of(10, 11, 12, 13, 14, 15));
    const pixels = ctx.buffers.create({ label: 'slot pixels', size: batch * PIXELS_PER_IMAGE * 4, usage: GPUBufferUsage.STORAGE });
    const labels = ctx.buffers.create({ label: 'slot labels', size: batch * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const collected = ctx.buffers.create({ label: 'collected labels', size: 3 * batch * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    const gather = await createGather(ctx, cache, { split: train, batch, indices, pixels, labels, slots: 3 });
    gather.setIndexOffsets([4, 0, 2]);
    submit(ctx, (encoder) => {
      for (const slot of [0, 1, 2]) {
        const pass = encoder.beginComputePass();
        gather.encode(pass, slot);
        pass.end();
        encoder.copyBufferToBuffer(labels, 0, collected, slot * batch * 4, batch * 4);
      }
    });
    const expected = [14, 15, 10, 11, 12, 13].map((i) => mnist.train.labels[i]);
    expect(Array.from(new Uint32Array(await readBuffer(gpu.ctx, collected)))).toEqual(expected);
    gather.dispose();
    release(ctx, indices, pixels, labels, collected);
  });

  it('unpacks labels of a split whose size is not a multiple of 4, and flags out-of-range indices', async () => {
    const rng = createRng(seed);
    const count = 1001;
    const split: MnistSplit = {
      count,
      images: Uint8Array.from({ length: count * PIXELS_PER_IMAGE }, () => rng.int(256)),
      labels: Uint8Array.from({ length: count }, () => rng.int(10)),
    };
    const gpuSplit = uploadDataset(gpu.ctx, { train: split, test: split }).train;
    const indices = [1000, 999, 998, 997, 0, 1, 2, 3, 1001, 4_000_000];
    expectMatchesCpu(await gatherOnGpu(gpu, gpuSplit, indices), gatherOnCpu(split, indices));
  });
});
