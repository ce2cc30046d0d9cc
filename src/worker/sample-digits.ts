// Gathers the first training images on the GPU (through the gather kernel) and reads them back for display.
import { PIXELS_PER_IMAGE } from '../engine/data/mnist';
import type { GpuContext } from '../engine/gpu/device';
import type { GpuSplit } from '../engine/gpu/dataset';
import { createGather } from '../engine/gpu/kernels/gather';
import type { PipelineCache } from '../engine/gpu/pipelines';
import { readBuffer } from '../engine/gpu/readback';
import type { SampleDigits } from './protocol';

export async function gatherSampleDigits(ctx: GpuContext, cache: PipelineCache, split: GpuSplit, count: number): Promise<SampleDigits> {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC;
  const indices = ctx.buffers.createWithData('sample indices', Uint32Array.from({ length: count }, (_, i) => i), GPUBufferUsage.STORAGE);
  const pixels = ctx.buffers.create({ label: 'sample pixels', size: count * PIXELS_PER_IMAGE * 4, usage });
  const labels = ctx.buffers.create({ label: 'sample labels', size: count * 4, usage });
  const gather = await createGather(ctx, cache, { split, batch: count, indices, pixels, labels });
  try {
    const encoder = ctx.device.createCommandEncoder({ label: 'sample digits' });
    const pass = encoder.beginComputePass({ label: 'gather sample digits' });
    gather.encode(pass);
    pass.end();
    ctx.device.queue.submit([encoder.finish()]);
    const scaled = new Float32Array(await readBuffer(ctx, pixels));
    const labelWords = new Uint32Array(await readBuffer(ctx, labels));
    return { labels: Array.from(labelWords), pixels: Uint8Array.from(scaled, (value) => Math.round(value * 255)) };
  } finally {
    gather.dispose();
    [indices, pixels, labels].forEach((buffer) => ctx.buffers.destroy(buffer));
  }
}
