// Max pooling on the GPU (channel-major images): forward keeping each output's winning input, backward to the winners.
import { ACTIVATION_CODE, type Activation } from '../../activations';
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { ACTIVATIONS_SHADER } from './activation';
import type { ConvGeometry } from './conv2d';
import { FOLDED_INDEX_SHADER } from './folded-index';
import poolCode from '../../../../shaders/pool.wgsl?raw';

const POOL_SHADER: ShaderSource = { file: 'shaders/pool.wgsl', code: poolCode, includes: [ACTIVATIONS_SHADER, FOLDED_INDEX_SHADER] };
const WORKGROUP_SIZE = 64;

/** A pool's sizes are a convolution's without padding, with as many output channels as input ones. */
export type PoolGeometry = ConvGeometry;

const poolParams = ({ batch, input, output, window }: PoolGeometry): Uint32Array =>
  new Uint32Array([batch * input.channels, input.height, input.width, output.height, output.width, window.stride, 0, 0]);

const describe = ({ batch, input, output, window }: PoolGeometry): string =>
  `${window.size}×${window.size} /${window.stride} ${batch}×${input.channels}×${input.height}×${input.width} → ${output.height}×${output.width}`;

export interface MaxPoolForwardOptions {
  geometry: PoolGeometry;
  x: KernelResource; // X: f32 [batch, C, H, W]
  y: KernelResource; // Y: f32 [batch, C, outH, outW]
  winners: KernelResource; // u32 [batch, C, outH, outW]: y·W + x of each output's input in its plane
}

/** Y = the largest X in each window, and where it is. */
export function createMaxPoolForward(ctx: GpuContext, cache: PipelineCache, options: MaxPoolForwardOptions): Promise<ComputeOp> {
  const { geometry } = options;
  const { batch, output } = geometry;
  return createKernelOp(ctx, cache, {
    pipeline: { shader: POOL_SHADER, entryPoint: 'pool_max_forward', constants: { WORKGROUP_SIZE, SIZE: geometry.window.size } },
    label: `max pool ${describe(geometry)}`,
    params: poolParams(geometry),
    dispatch: { invocations: batch * output.channels * output.height * output.width, workgroupSize: WORKGROUP_SIZE },
    storage: [options.x, options.y, options.winners],
  });
}

export interface MaxPoolBackwardOptions {
  geometry: PoolGeometry;
  dY: KernelResource; // dY: f32 [batch, C, outH, outW]
  winners: KernelResource; // as the forward wrote them
  dX: KernelResource; // dX: f32 [batch, C, H, W]
  /** dX ⊙ act′(Z) of the layer before, written instead of dX. */
  throughActivation?: { activation: Activation; z: KernelResource };
}

/** dX: each output's gradient to the input that won it, summed where windows overlap; 0 where no window chose. */
export function createMaxPoolBackward(ctx: GpuContext, cache: PipelineCache, options: MaxPoolBackwardOptions): Promise<ComputeOp> {
  const { geometry, throughActivation } = options;
  const { batch, input, output } = geometry;
  const constants = { WORKGROUP_SIZE, SIZE: geometry.window.size, FUSED_DERIVATIVE: Number(throughActivation !== undefined), ACTIVATION: ACTIVATION_CODE[throughActivation?.activation ?? 'linear'] };
  // Windows that do not overlap: one invocation per output writes its window; otherwise one per input gathers.
  const tiles = geometry.window.stride === geometry.window.size;
  const image = tiles ? output : input;
  return createKernelOp(ctx, cache, {
    pipeline: { shader: POOL_SHADER, entryPoint: tiles ? 'pool_max_backward_tiles' : 'pool_max_backward', constants },
    label: `max pool dX ${describe(geometry)}`,
    params: poolParams(geometry),
    dispatch: { invocations: batch * image.channels * image.height * image.width, workgroupSize: WORKGROUP_SIZE },
    // Without the activation the Z binding is never read; dY stands in for it.
    storage: [options.dY, options.winners, throughActivation?.z ?? options.dY, options.dX],
  });
}
