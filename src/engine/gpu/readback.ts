// Copies a GPU buffer back to the CPU (for tests and one-off reads, never inside the step loop).
import type { GpuContext } from './device';

/** The first `byteLength` bytes of `source` (which needs COPY_SRC usage). */
export async function readBuffer(ctx: GpuContext, source: GPUBuffer, byteLength = source.size): Promise<ArrayBuffer> {
  const size = Math.ceil(byteLength / 4) * 4;
  const staging = ctx.buffers.create({
    label: `readback of ${source.label}`,
    size,
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  try {
    const encoder = ctx.device.createCommandEncoder({ label: 'readback' });
    encoder.copyBufferToBuffer(source, 0, staging, 0, size);
    ctx.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0, byteLength);
  } finally {
    ctx.buffers.destroy(staging);
  }
}
