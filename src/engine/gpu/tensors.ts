// Float32 tensors as byte ranges of GPU buffers, so one flat buffer can hold many separately bound tensors.
import type { GpuContext } from './device';

/** `floats` float32 values from float index `start` of `buffer` (start × 4 must meet the 256-byte offset alignment). */
export function floatRange(buffer: GPUBuffer, start: number, floats: number): GPUBufferBinding {
  return { buffer, offset: start * 4, size: floats * 4 };
}

/** A zeroed float32 storage buffer of `floats` values that can be copied to and from, bound whole. */
export function createFloatTensor(ctx: GpuContext, label: string, floats: number): GPUBufferBinding {
  const size = Math.max(4, floats * 4);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  return { buffer: ctx.buffers.create({ label, size, usage }), offset: 0, size };
}
