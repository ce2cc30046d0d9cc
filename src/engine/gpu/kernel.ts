// The step every kernel wrapper shares: bind a pipeline's buffers once, then record pipeline + bind group + dispatch.
import type { GpuContext } from './device';

/** A whole buffer, or a byte range of one. */
export type KernelResource = GPUBuffer | GPUBufferBinding;

export interface BoundKernel {
  /** Records the dispatch into `pass`. */
  encode(pass: GPUComputePassEncoder): void;
}

/** A kernel bound to its buffers, owning what it created (its params uniform); the shape of every wrapper's op. */
export interface ComputeOp extends BoundKernel {
  dispose(): void;
}

const asBinding = (resource: KernelResource): GPUBufferBinding => ('buffer' in resource ? resource : { buffer: resource });

/**
 * Binds resources[i] at binding i of group 0 (undefined entries are left out, for bindings the entry point
 * does not use) and fixes the workgroup counts.
 */
export function bindKernel(
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  label: string,
  resources: readonly (KernelResource | undefined)[],
  workgroups: readonly [number, number?],
): BoundKernel {
  const entries = resources.flatMap((resource, binding) => (resource ? [{ binding, resource: asBinding(resource) }] : []));
  const bindGroup = device.createBindGroup({ label: `${label} bind group`, layout: pipeline.getBindGroupLayout(0), entries });
  const [x, y = 1] = workgroups;
  return {
    encode(pass) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(x, y);
    },
  };
}

/** A uniform buffer holding `data` (a kernel's Params struct). */
export function createUniform(ctx: GpuContext, label: string, data: ArrayBufferView): GPUBuffer {
  return ctx.buffers.createWithData(`${label} params`, data, GPUBufferUsage.UNIFORM);
}

/**
 * Awaits ops whose pipelines compile concurrently; if any fails, releases the ones that were made
 * (by default with their `dispose`) and rethrows the first failure.
 */
export async function awaitAll<T>(pending: readonly Promise<T>[], release: (made: T) => void = (op) => (op as ComputeOp).dispose()): Promise<T[]> {
  const settled = await Promise.allSettled(pending);
  const made = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    made.forEach(release);
    throw failure.reason;
  }
  return made;
}
