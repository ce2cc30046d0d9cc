// Dropout on the GPU with a seeded counter-based mask; the step comes from the optimizer's GPU step counter.
import { dropoutThreshold } from '../../dropout';
import type { GpuContext } from '../device';
import { prepareKernel } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import dropoutCode from '../../../../shaders/dropout.wgsl?raw';

const DROPOUT_SHADER: ShaderSource = { file: 'shaders/dropout.wgsl', code: dropoutCode };
const WORKGROUP_SIZE = 64;

export interface DropoutOptions {
  length: number; // elements of the layer's flat [batch, features] activations
  rate: number; // in [0, 1)
  seed: number; // u32; give each dropout layer its own seed, or their masks coincide
  /** u32 optimizer steps completed (see createStepCounter): every step of a multi-step submit gets a fresh mask. */
  stepCounter: GPUBuffer;
  x: GPUBuffer; // f32 [length]
  y: GPUBuffer; // f32 [length]
  dY: GPUBuffer; // f32 [length]
  dX: GPUBuffer; // f32 [length]
}

/** Forward and backward of one dropout layer; both read the step counter, so they share a mask within a step. */
export interface DropoutOp {
  /** Y = X ⊙ mask / (1 − rate). */
  encodeForward(pass: GPUComputePassEncoder): void;
  /** dX = dY ⊙ mask / (1 − rate), with the forward pass's mask (record it before the optimizer advances the counter). */
  encodeBackward(pass: GPUComputePassEncoder): void;
  dispose(): void;
}

export async function createDropout(ctx: GpuContext, cache: PipelineCache, options: DropoutOptions): Promise<DropoutOp> {
  const { length, rate, seed } = options;
  const paramBytes = new ArrayBuffer(16); // Params: length, seed, threshold (u32), scale (f32)
  new Uint32Array(paramBytes, 0, 3).set([length, seed >>> 0, dropoutThreshold(rate)]);
  new Float32Array(paramBytes, 12, 1)[0] = 1 / (1 - rate);
  const kernel = await prepareKernel(ctx, cache, {
    pipeline: { shader: DROPOUT_SHADER, entryPoint: 'dropout_apply', constants: { WORKGROUP_SIZE } },
    label: 'dropout',
    params: new Uint8Array(paramBytes),
    dispatch: { invocations: length, workgroupSize: WORKGROUP_SIZE },
  });
  const bind = (direction: string, input: GPUBuffer, output: GPUBuffer) => kernel.bind(`dropout ${direction}`, [options.stepCounter, input, output]);
  return {
    encodeForward: bind('forward', options.x, options.y).encode,
    encodeBackward: bind('backward', options.dY, options.dX).encode,
    dispose: kernel.dispose,
  };
}
