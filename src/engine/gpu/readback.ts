// Copies GPU buffers (or byte ranges of them) back to the CPU (for tests and one-off reads, never inside the step loop).
import type { GpuContext } from './device';

/** A byte range of a buffer with COPY_SRC usage; offset and length are multiples of 4 (a length is rounded up). */
export interface ReadRange {
  source: GPUBuffer;
  /** Bytes from the start of `source`; 0 by default. */
  offset?: number;
  /** Bytes to read; the rest of `source` by default. */
  byteLength?: number;
}

/** Copies recorded into a command encoder; once it is submitted, `read` maps them all and frees the staging buffers. */
export interface StagedReads {
  read(): Promise<ArrayBuffer[]>;
}

/** Records a copy of each range into its own staging buffer, so several reads share the submit of the work they read. */
export function stageReads(ctx: GpuContext, encoder: GPUCommandEncoder, ranges: readonly ReadRange[]): StagedReads {
  const staged = ranges.map(({ source, offset = 0, byteLength = source.size - offset }) => {
    const size = Math.ceil(byteLength / 4) * 4;
    const staging = ctx.buffers.create({ label: `readback of ${source.label}`, size, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    encoder.copyBufferToBuffer(source, offset, staging, 0, size);
    return { staging, byteLength };
  });
  return {
    async read() {
      try {
        await Promise.all(staged.map(({ staging }) => staging.mapAsync(GPUMapMode.READ)));
        return staged.map(({ staging, byteLength }) => staging.getMappedRange().slice(0, byteLength));
      } finally {
        staged.forEach(({ staging }) => ctx.buffers.destroy(staging));
      }
    },
  };
}

/** `byteLength` bytes of `source` from byte `offset` (the whole buffer by default), in a submit of its own. */
export async function readBuffer(ctx: GpuContext, source: GPUBuffer, byteLength?: number, offset = 0): Promise<ArrayBuffer> {
  const encoder = ctx.device.createCommandEncoder({ label: 'readback' });
  const staged = stageReads(ctx, encoder, [{ source, offset, byteLength }]);
  ctx.device.queue.submit([encoder.finish()]);
  return (await staged.read())[0]!;
}

/** The range a tensor binding covers. */
export const rangeOf = ({ buffer, offset = 0, size }: GPUBufferBinding): ReadRange => ({ source: buffer, offset, byteLength: size });
