// Elementwise activation on the GPU: Y = act(Z) forward, dZ = dY ⊙ act'(Z) backward; exports the shared activation WGSL.
import { ACTIVATION_CODE, type Activation } from '../../activations';
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import activationsCode from '../../../../shaders/activations.wgsl?raw';

/** act, act' and the elementwise entry points; other kernels include it for fused epilogues. */
export const ACTIVATIONS_SHADER: ShaderSource = { file: 'shaders/activations.wgsl', code: activationsCode };
const WORKGROUP_SIZE = 64;

export interface ActivationForwardOptions {
  activation: Activation;
  count: number; // elements
  z: GPUBuffer | GPUBufferBinding; // Z: f32 [count]
  y: GPUBuffer | GPUBufferBinding; // Y: f32 [count]
}

export interface ActivationBackwardOptions {
  activation: Activation;
  count: number; // elements
  z: GPUBuffer | GPUBufferBinding; // Z: f32 [count], the forward pre-activation
  dY: GPUBuffer | GPUBufferBinding; // dY: f32 [count]
  dZ: GPUBuffer | GPUBufferBinding; // dZ: f32 [count]
}

/** An activation bound to its buffers; `encode` records one dispatch into a pass. */
export type ActivationOp = ComputeOp;

/** Y = act(Z). */
export function createActivationForward(ctx: GpuContext, cache: PipelineCache, options: ActivationForwardOptions): Promise<ActivationOp> {
  return createElementwise(ctx, cache, 'activation_forward', options, [options.z, options.y]);
}

/** dZ = dY ⊙ act'(Z). */
export function createActivationBackward(ctx: GpuContext, cache: PipelineCache, options: ActivationBackwardOptions): Promise<ActivationOp> {
  return createElementwise(ctx, cache, 'activation_backward', options, [options.z, undefined, options.dY, options.dZ]);
}

function createElementwise(
  ctx: GpuContext,
  cache: PipelineCache,
  entryPoint: 'activation_forward' | 'activation_backward',
  { activation, count }: { activation: Activation; count: number },
  /** Storage buffers from binding 1 on (binding 0 is the params). */
  storage: (KernelResource | undefined)[],
): Promise<ActivationOp> {
  return createKernelOp(ctx, cache, {
    pipeline: { shader: ACTIVATIONS_SHADER, entryPoint, constants: { ACTIVATION: ACTIVATION_CODE[activation], ELEMENTWISE_WORKGROUP_SIZE: WORKGROUP_SIZE } },
    label: `${entryPoint} ${activation} ×${count}`,
    params: new Uint32Array([count, 0, 0, 0]),
    dispatch: { invocations: count, workgroupSize: WORKGROUP_SIZE },
    storage,
  });
}
