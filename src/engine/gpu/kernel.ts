// The steps every kernel wrapper shares: pipeline → params uniform → folded dispatch → bind once → record → dispose.
import type { GpuContext } from './device';
import { foldedDispatch } from './dispatch';
import type { PipelineCache, PipelineKey } from './pipelines';

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

/** An op that can also add its layer's health statistics of the step: `encodeWithHealth` in place of `encode`. */
export interface HealthRecording {
  encodeWithHealth(pass: GPUComputePassEncoder): void;
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

/** Invocations spread over folded workgroups of `workgroupSize`, or fixed workgroup counts. */
export type KernelDispatch = { invocations: number; workgroupSize: number } | { workgroups: readonly [number, number?] };

export interface KernelOptions {
  pipeline: PipelineKey;
  /** Names the params uniform and bind groups. */
  label: string;
  /** The entry point's Params struct, bound at binding 0. */
  params: ArrayBufferView;
  dispatch: KernelDispatch;
}

/** A compiled pipeline with its params uniform and dispatch size, to bind to buffers once or several times. */
export interface PreparedKernel {
  /** Binds `storage[i]` at binding i + 1 (binding 0 is the params uniform). */
  bind(label: string, storage: readonly (KernelResource | undefined)[]): BoundKernel;
  /** Frees the params uniform. */
  dispose(): void;
}

/** Compiles (or reuses) the pipeline first, so a failed compile leaves nothing to free, then makes the params uniform. */
export async function prepareKernel(ctx: GpuContext, cache: PipelineCache, options: KernelOptions): Promise<PreparedKernel> {
  const pipeline = await cache.pipeline(options.pipeline);
  const params = createUniform(ctx, options.label, options.params);
  const { dispatch } = options;
  const workgroups = 'workgroups' in dispatch ? dispatch.workgroups : foldedDispatch(dispatch.invocations, dispatch.workgroupSize, ctx.device.limits.maxComputeWorkgroupsPerDimension);
  return {
    bind: (label, storage) => bindKernel(ctx.device, pipeline, label, [params, ...storage], workgroups),
    dispose: () => ctx.buffers.destroy(params),
  };
}

/** A kernel bound once to `storage` (bindings 1…), owning its params uniform. */
export async function createKernelOp(ctx: GpuContext, cache: PipelineCache, options: KernelOptions & { storage: readonly (KernelResource | undefined)[] }): Promise<ComputeOp> {
  const kernel = await prepareKernel(ctx, cache, options);
  return { encode: kernel.bind(options.label, options.storage).encode, dispose: kernel.dispose };
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
