// Gathers batch rows by index from a GPU dataset split into float32 pixels and u32 labels.
import type { GpuContext } from '../device';
import type { GpuSplit } from '../dataset';
import { foldedDispatch } from '../dispatch';
import { bindKernel } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import gatherCode from '../../../../shaders/gather.wgsl?raw';

const GATHER_SHADER: ShaderSource = { file: 'shaders/gather.wgsl', code: gatherCode };
const WORKGROUP_SIZE = 64;
/** Uniform slots sit 256 bytes apart (WebGPU's largest minUniformBufferOffsetAlignment). */
const SLOT_BYTES = 256;

export interface GatherOptions {
  split: GpuSplit;
  batch: number;
  indices: GPUBuffer; // u32 [≥ largest index offset + batch]
  pixels: GPUBuffer; // f32 [batch, split.pixelsPerImage]
  labels: GPUBuffer; // u32 [batch]
  /** How many gathers with different index offsets one submit may hold (e.g. steps per submit). */
  slots?: number;
}

/** A gather bound to its buffers, with one index offset per slot. */
export interface GatherOp {
  /** Writes the index offset of every slot (one queue.writeBuffer); applies to work submitted afterwards. */
  setIndexOffsets(offsets: readonly number[]): void;
  /** Records the gather of `slot` into `pass`. */
  encode(pass: GPUComputePassEncoder, slot?: number): void;
  dispose(): void;
}

export async function createGather(ctx: GpuContext, cache: PipelineCache, options: GatherOptions): Promise<GatherOp> {
  const { split, batch, slots = 1 } = options;
  const wordsPerRow = split.pixelsPerImage / 4;
  const pipeline = await cache.pipeline({ shader: GATHER_SHADER, entryPoint: 'gather_rows', constants: { WORKGROUP_SIZE } });
  const params = ctx.buffers.create({
    label: 'gather params',
    size: slots * SLOT_BYTES,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const workgroups = foldedDispatch(batch * wordsPerRow, WORKGROUP_SIZE, ctx.device.limits.maxComputeWorkgroupsPerDimension);
  const kernels = Array.from({ length: slots }, (_, slot) => {
    const slotParams = { buffer: params, offset: slot * SLOT_BYTES, size: 16 };
    const resources = [slotParams, split.images, split.labels, options.indices, options.pixels, options.labels];
    return bindKernel(ctx.device, pipeline, `gather slot ${slot}`, resources, workgroups);
  });
  // Every slot's params [batch, words per row, count, index offset], made once: a submit only sets the offsets.
  const words = new Uint32Array((slots * SLOT_BYTES) / 4);
  for (let slot = 0; slot < slots; slot++) words.set([batch, wordsPerRow, split.count], (slot * SLOT_BYTES) / 4);
  const op: GatherOp = {
    setIndexOffsets(offsets) {
      if (offsets.length > slots) throw new RangeError(`${offsets.length} index offsets for ${slots} gather slots`);
      offsets.forEach((offset, slot) => (words[(slot * SLOT_BYTES) / 4 + 3] = offset));
      ctx.device.queue.writeBuffer(params, 0, words, 0, (offsets.length * SLOT_BYTES) / 4);
    },
    encode: (pass, slot = 0) => kernels[slot]!.encode(pass),
    dispose: () => ctx.buffers.destroy(params),
  };
  op.setIndexOffsets(new Array<number>(slots).fill(0));
  return op;
}
