// Gathers batch rows by index from a GPU dataset split into float32 pixels and u32 labels.
import { PIXELS_PER_IMAGE } from '../../data/mnist';
import type { GpuContext } from '../device';
import type { GpuSplit } from '../dataset';
import { foldedDispatch } from '../dispatch';
import type { PipelineCache, ShaderSource } from '../pipelines';
import gatherCode from '../../../../shaders/gather.wgsl?raw';

const GATHER_SHADER: ShaderSource = { file: 'shaders/gather.wgsl', code: gatherCode };
const WORKGROUP_SIZE = 64;
const WORDS_PER_ROW = PIXELS_PER_IMAGE / 4;

export interface GatherBuffers {
  split: GpuSplit;
  indices: GPUBuffer; // u32 [≥ indexOffset + batch]
  pixels: GPUBuffer; // f32 [batch, 784]
  labels: GPUBuffer; // u32 [batch]
}

/** A gather bound to its buffers; `encode` records one dispatch. */
export interface GatherOp {
  /** Writes the params now (queue order), then records the dispatch into `encoder`. */
  encode(encoder: GPUCommandEncoder, batch: number, indexOffset: number): void;
  dispose(): void;
}

export async function createGather(ctx: GpuContext, cache: PipelineCache, buffers: GatherBuffers): Promise<GatherOp> {
  const pipeline = await cache.pipeline({
    shader: GATHER_SHADER,
    entryPoint: 'gather_rows',
    constants: { WORKGROUP_SIZE },
  });
  const params = ctx.buffers.create({
    label: 'gather params',
    size: 16,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const bindGroup = ctx.device.createBindGroup({
    label: 'gather bind group',
    layout: pipeline.getBindGroupLayout(0),
    entries: [params, buffers.split.images, buffers.split.labels, buffers.indices, buffers.pixels, buffers.labels].map(
      (buffer, binding) => ({ binding, resource: { buffer } }),
    ),
  });
  const maxGroups = ctx.device.limits.maxComputeWorkgroupsPerDimension;

  return {
    encode(encoder, batch, indexOffset) {
      ctx.device.queue.writeBuffer(params, 0, new Uint32Array([batch, WORDS_PER_ROW, buffers.split.count, indexOffset]));
      const pass = encoder.beginComputePass({ label: 'gather' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(...foldedDispatch(batch * WORDS_PER_ROW, WORKGROUP_SIZE, maxGroups));
      pass.end();
    },
    dispose: () => ctx.buffers.destroy(params),
  };
}
