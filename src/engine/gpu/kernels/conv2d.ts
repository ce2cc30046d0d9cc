// 2-D convolution on the GPU (implicit GEMM, channel-major): forward with bias + activation, input gradient, weight and bias gradients.
import { ACTIVATION_CODE, type Activation } from '../../activations';
import type { ImageWindow } from '../../layers/shapes';
import type { AdapterSummary, GpuContext } from '../device';
import { awaitAll, createKernelOp, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { ACTIVATIONS_SHADER } from './activation';
import { runsOnCpu } from './matmul';
import { FOLDED_INDEX_SHADER } from './folded-index';
import conv2dCode from '../../../../shaders/conv2d.wgsl?raw';

const CONV2D_SHADER: ShaderSource = { file: 'shaders/conv2d.wgsl', code: conv2dCode, includes: [ACTIVATIONS_SHADER, FOLDED_INDEX_SHADER] };

/** Columns of a strip: each invocation computes ROW_TILES strips of 4 rows × 16 columns. */
const STRIP_COLUMNS = 16;
const REDUCE_WORKGROUP_SIZE = 64;

/** One convolution's sizes: the batch, input and output images (output channels = filters) and the window. */
export interface ConvGeometry extends ImageWindow {
  batch: number;
}

/** Launch shape: invocations per workgroup, at most how many strips per invocation (1..4) each kernel runs, and weight-gradient chunks. */
export interface ConvTuning {
  workgroupSize: number;
  forwardStrips: number;
  inputStrips: number;
  weightStrips: number;
  /** The weight gradient is summed in chunks of samples until about this many invocations run at once. */
  weightInvocations: number;
}

/**
 * Measured on SwiftShader (W2's convolutions, bench:kernels): 4 invocations per workgroup (one group of SIMD lanes)
 * with up to 4 strips (2 for dX) of 4×16 per invocation load least per multiply-add; GPUs want many light threads,
 * and in dW chunks enough to fill them.
 */
export function convTuning(adapter: AdapterSummary): ConvTuning {
  return runsOnCpu(adapter)
    ? { workgroupSize: 4, forwardStrips: 4, inputStrips: 2, weightStrips: 4, weightInvocations: 32 }
    : { workgroupSize: 64, forwardStrips: 1, inputStrips: 1, weightStrips: 1, weightInvocations: 8192 };
}

/**
 * Strips per invocation for `rows` rows, at most `most`: the most whose rows padded to whole strips are within 1/8 of
 * the fewest padded rows any choice gives (24 filters take 3 strips, not 4 with a third of the fourth wasted).
 */
function stripsFor(rows: number, most: number): number {
  const padded = (strips: number) => blocks(rows, 4 * strips) * 4 * strips;
  const choices = Array.from({ length: most }, (_, i) => most - i);
  const fewest = Math.min(...choices.map(padded));
  return choices.find((strips) => padded(strips) <= fewest * 1.125)!;
}

/** The ConvParams uniform: sizes, window, and the weight gradient's chunks. */
function convParams({ batch, input, output, window }: ConvGeometry, chunkSamples = 0, chunks = 0): Uint32Array {
  return new Uint32Array([batch, input.channels, input.height, input.width, output.channels, output.height, output.width, window.size, window.stride, window.padBefore, chunkSamples, chunks]);
}

const isPadded = ({ window }: ConvGeometry): boolean => window.padBefore + window.padAfter > 0;
const blocks = (count: number, size: number): number => Math.ceil(count / size);

interface ConvKernel {
  entryPoint: string;
  constants: Record<string, number>;
  label: string;
  params: Uint32Array;
  invocations: number;
  storage: readonly (KernelResource | undefined)[];
}

function createConvKernel(ctx: GpuContext, cache: PipelineCache, tuning: ConvTuning, kernel: ConvKernel): Promise<ComputeOp> {
  const { workgroupSize } = tuning;
  return createKernelOp(ctx, cache, {
    pipeline: { shader: CONV2D_SHADER, entryPoint: kernel.entryPoint, constants: { WORKGROUP_SIZE: workgroupSize, ...kernel.constants } },
    label: kernel.label,
    params: kernel.params,
    dispatch: { invocations: kernel.invocations, workgroupSize },
    storage: kernel.storage,
  });
}

const describe = ({ batch, input, output, window }: ConvGeometry): string =>
  `${batch}×${input.channels}×${input.height}×${input.width} → ${output.channels}×${output.height}×${output.width} (k ${window.size}, s ${window.stride})`;

export interface ConvForwardOptions {
  geometry: ConvGeometry;
  activation: Activation;
  x: KernelResource; // X: f32 [batch, C, H, W]
  weights: KernelResource; // W: f32 [C, k, k, F]
  bias: KernelResource; // b: f32 [F]
  z: KernelResource; // Z = conv(X, W) + b: f32 [batch, F, outH, outW]
  y: KernelResource; // Y = act(Z): same shape
  tuning?: ConvTuning;
}

/** Z = conv(X, W) + b and Y = act(Z). */
export function createConvForward(ctx: GpuContext, cache: PipelineCache, options: ConvForwardOptions): Promise<ComputeOp> {
  const { geometry, activation } = options;
  const tuning = options.tuning ?? convTuning(ctx.adapter);
  const { batch, output } = geometry;
  const strips = stripsFor(output.channels, tuning.forwardStrips);
  return createConvKernel(ctx, cache, tuning, {
    entryPoint: 'conv_forward',
    constants: { ROW_TILES: strips, PADDED: Number(isPadded(geometry)), ACTIVATION: ACTIVATION_CODE[activation] },
    label: `conv forward ${describe(geometry)}`,
    params: convParams(geometry),
    invocations: blocks(output.channels, 4 * strips) * blocks(batch * output.height * output.width, STRIP_COLUMNS),
    storage: [options.x, options.weights, options.bias, options.z, options.y],
  });
}

export interface ConvBackwardInputOptions {
  geometry: ConvGeometry;
  dZ: KernelResource; // dZ: f32 [batch, F, outH, outW]
  weights: KernelResource; // W: f32 [C, k, k, F]
  dX: KernelResource; // dX: f32 [batch, C, H, W]
  /** dX ⊙ act′(Z) of the layer before, written instead of dX. */
  throughActivation?: { activation: Activation; z: KernelResource };
  tuning?: ConvTuning;
}

/** dX = the transposed convolution of dZ with W, through the activation of the layer before when given. */
export function createConvBackwardInput(ctx: GpuContext, cache: PipelineCache, options: ConvBackwardInputOptions): Promise<ComputeOp> {
  const { geometry, throughActivation } = options;
  const tuning = options.tuning ?? convTuning(ctx.adapter);
  const { batch, input } = geometry;
  const strips = stripsFor(input.channels, tuning.inputStrips);
  return createConvKernel(ctx, cache, tuning, {
    entryPoint: 'conv_backward_input',
    constants: { ROW_TILES: strips, FUSED_DERIVATIVE: Number(throughActivation !== undefined), ACTIVATION: ACTIVATION_CODE[throughActivation?.activation ?? 'linear'] },
    label: `conv dX ${describe(geometry)}`,
    params: convParams(geometry),
    invocations: blocks(input.channels, 4 * strips) * blocks(batch * input.height * input.width, STRIP_COLUMNS),
    // Without the activation the Z binding is never read; dZ stands in for it.
    storage: [options.dZ, options.weights, throughActivation?.z ?? options.dZ, options.dX],
  });
}

export interface ConvBackwardWeightsOptions {
  geometry: ConvGeometry;
  x: KernelResource; // X: f32 [batch, C, H, W]
  dZ: KernelResource; // dZ: f32 [batch, F, outH, outW]
  dW: KernelResource; // dW: f32 [C, k, k, F]
  db: KernelResource; // db: f32 [F]
  tuning?: ConvTuning;
}

/** Rows of the weight gradient: one per row of W [C·k·k, F], and one for b. */
const weightRows = ({ input, window }: ConvGeometry): number => input.channels * window.size ** 2 + 1;

/** Strips per invocation, samples per partial sum and partial sums, so that about `weightInvocations` invocations run. */
function weightChunks(geometry: ConvGeometry, tuning: ConvTuning): { strips: number; chunkSamples: number; chunks: number } {
  const rows = weightRows(geometry);
  const strips = stripsFor(rows, tuning.weightStrips);
  const perChunk = blocks(rows, 4 * strips) * blocks(geometry.output.channels, STRIP_COLUMNS);
  const chunkSamples = blocks(geometry.batch, Math.min(geometry.batch, blocks(tuning.weightInvocations, perChunk)));
  return { strips, chunkSamples, chunks: blocks(geometry.batch, chunkSamples) };
}

/** dW = Σ patchᵀ·dZ and db = Σ dZ over samples and positions: partial sums over chunks of samples, then their sum. */
export async function createConvBackwardWeights(ctx: GpuContext, cache: PipelineCache, options: ConvBackwardWeightsOptions): Promise<ComputeOp> {
  const { geometry } = options;
  const tuning = options.tuning ?? convTuning(ctx.adapter);
  const { strips, chunkSamples, chunks } = weightChunks(geometry, tuning);
  const rows = weightRows(geometry);
  const filters = geometry.output.channels;
  const params = convParams(geometry, chunkSamples, chunks);
  const label = `conv dW ${describe(geometry)}`;
  const partials = ctx.buffers.create({ label: `${label} partial sums`, size: chunks * rows * filters * 4, usage: GPUBufferUsage.STORAGE });
  const pending = [
    createConvKernel(ctx, cache, tuning, {
      entryPoint: 'conv_backward_weights',
      constants: { ROW_TILES: strips, PADDED: Number(isPadded(geometry)) },
      label,
      params,
      invocations: chunks * blocks(rows, 4 * strips) * blocks(filters, STRIP_COLUMNS),
      storage: [options.x, options.dZ, partials],
    }),
    createConvKernel(ctx, cache, { ...tuning, workgroupSize: REDUCE_WORKGROUP_SIZE }, {
      entryPoint: 'conv_reduce_weights',
      constants: {},
      label: `${label} sum`,
      params,
      invocations: rows * filters,
      storage: [partials, options.dW, options.db],
    }),
  ];
  const ops = await awaitAll(pending).catch((error: unknown) => {
    ctx.buffers.destroy(partials);
    throw error;
  });
  return {
    encode(pass) {
      ops.forEach((op) => op.encode(pass));
    },
    dispose() {
      ops.forEach((op) => op.dispose());
      ctx.buffers.destroy(partials);
    },
  };
}
