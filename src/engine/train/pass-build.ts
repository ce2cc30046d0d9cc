// What a forward or backward pass hands its layers: the GPU, the batch, tensors the pass owns, the layers' slices of flat buffers.
import type { GpuContext } from '../gpu/device';
import type { FastPathSwitch } from '../gpu/kernels/matmul';
import { fastPathOf } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import { createFloatTensor, floatRange } from '../gpu/tensors';
import type { GpuBuild, GpuOp } from '../layers/kind';
import { layerTensors, type ParameterLayout } from '../model/parameters';

/** A build whose tensors `release` frees. */
export function createPassBuild(ctx: GpuContext, cache: PipelineCache, batch: number, quickStart?: boolean): { build: GpuBuild; release(): void } {
  const owned: GPUBufferBinding[] = [];
  const tensor = (label: string, floats: number) => {
    const created = createFloatTensor(ctx, label, floats);
    owned.push(created);
    return created;
  };
  return { build: { ctx, cache, batch, quickStart, tensor }, release: () => owned.forEach(({ buffer }) => ctx.buffers.destroy(buffer)) };
}

/** The layer's tensors as bindings into `flat` (parameters or gradients), in its kind's order. */
export function layerBindings(flat: GPUBuffer, layout: ParameterLayout, layerIndex: number): GPUBufferBinding[] {
  return layerTensors(layout, layerIndex).map(({ offset, size }) => floatRange(flat, offset, size));
}

/** Moves those of `ops` that were quick-started to their fast pipelines. */
export function fastPathOfOps(ops: readonly GpuOp[]): FastPathSwitch {
  return fastPathOf(ops.flatMap(({ switchToFastPath }) => (switchToFastPath ? [{ switchToFastPath }] : [])));
}
