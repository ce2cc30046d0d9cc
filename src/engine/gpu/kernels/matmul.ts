// Matmul on the GPU in the layouts training needs (nn, tn, nt), with fused bias + activation or activation-derivative epilogues.
import { ACTIVATION_CODE, type Activation } from '../../activations';
import type { MatmulLayout } from '../../reference/matmul';
import type { AdapterSummary, GpuContext } from '../device';
import { foldedDispatch } from '../dispatch';
import { bindKernel, type BoundKernel, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { ACTIVATIONS_SHADER } from './activation';
import { FOLDED_INDEX_SHADER } from './folded-index';
import matmulCode from '../../../../shaders/matmul.wgsl?raw';

export type { MatmulLayout } from '../../reference/matmul';

const MATMUL_SHADER: ShaderSource = { file: 'shaders/matmul.wgsl', code: matmulCode, includes: [ACTIVATIONS_SHADER, FOLDED_INDEX_SHADER] };

const LAYOUT_CODE: Record<MatmulLayout, number> = { nn: 0, tn: 1, nt: 2 };
const EPILOGUE_CODE = { none: 0, biasActivation: 1, biasActivationZ: 2, activationDerivative: 3 } as const;

/** Columns of C per invocation on the vec4 path (rows: 4 per strip); the general path computes 4×4. */
const VEC4_BLOCK_COLS = 16;
const GENERAL_BLOCK = 4;

/** C = act(op(A)·op(B) + bias[col]); when `z` is given, Z = op(A)·op(B) + bias is written there too (backward needs it). */
export interface BiasActivationEpilogue {
  kind: 'bias-activation';
  activation: Activation;
  bias: GPUBuffer | GPUBufferBinding; // f32 [n]
  z?: GPUBuffer | GPUBufferBinding; // Z: f32 [m, n]
}

/** C = (op(A)·op(B)) ⊙ act'(Z): the gradient through the activation, e.g. dZ = (dY·Wᵀ) ⊙ act'(Z). */
export interface ActivationDerivativeEpilogue {
  kind: 'activation-derivative';
  activation: Activation;
  z: GPUBuffer | GPUBufferBinding; // Z: f32 [m, n], the forward pre-activation
}

export interface MatmulOptions {
  layout: MatmulLayout;
  m: number; // rows of C
  k: number; // contracted dimension
  n: number; // columns of C
  a: GPUBuffer | GPUBufferBinding; // f32 [m, k], or [k, m] for 'tn'
  b: GPUBuffer | GPUBufferBinding; // f32 [k, n], or [n, k] for 'nt'
  c: GPUBuffer | GPUBufferBinding; // f32 [m, n]
  epilogue?: BiasActivationEpilogue | ActivationDerivativeEpilogue;
  /** Defaults to matmulTuning(ctx.adapter). */
  tuning?: MatmulTuning;
  /**
   * Start on the general path, whose pipeline compiles several times faster than the vec4 one (on CPU adapters
   * ~0.1 s instead of ~0.6 s); `switchToFastPath` moves to vec4 later.
   */
  quickStart?: boolean;
  label?: string;
}

/** Launch shape: invocations per workgroup, and strips of 4 rows × 16 columns of C per invocation on the vec4 path (1..8). */
export interface MatmulTuning {
  workgroupSize: number;
  blockStrips: number;
}

/** A matmul bound to its buffers; `encode` records one dispatch into a pass. */
export interface MatmulOp extends ComputeOp {
  /** Which entry point runs now: 'vec4' for aligned shapes, 'general' otherwise or until a quick start switches. */
  readonly path: MatmulPath;
  /**
   * Compiles the vec4 pipeline of a quick-started op (once) and runs it from the `encode` after it resolves
   * (same buffers: only rounding differs); resolves at once for other ops.
   */
  switchToFastPath(): Promise<void>;
}

type MatmulPath = 'vec4' | 'general';

/**
 * True when every row the vec4 path reads four floats at a time starts on a 16-byte boundary:
 * A's rows (along K, or along M for 'tn') and B's rows (along N, or along K for 'nt').
 */
export function fitsVec4Path({ layout, m, k, n }: Pick<MatmulOptions, 'layout' | 'm' | 'k' | 'n'>): boolean {
  if (k % 4 !== 0) return false;
  if (layout === 'nt') return true;
  return n % 4 === 0 && (layout === 'nn' || m % 4 === 0);
}

/**
 * CPU implementations (SwiftShader) run a workgroup's invocations as one group of 4 SIMD lanes and pay far more per
 * load than per multiply-add, so each invocation computes a 32×16 block. GPUs need many threads with few registers.
 */
export function matmulTuning(adapter: AdapterSummary): MatmulTuning {
  return runsOnCpu(adapter) ? { workgroupSize: 4, blockStrips: 8 } : { workgroupSize: 64, blockStrips: 1 };
}

/** Whether the adapter is a CPU implementation of WebGPU (SwiftShader, llvmpipe, WARP). */
export const runsOnCpu = (adapter: AdapterSummary): boolean => /swiftshader|llvmpipe|lavapipe|warp/i.test(`${adapter.architecture} ${adapter.description}`);

/** Throws RangeError for a shape that is not whole and positive, a binding too small for it, or a tuning out of range. */
function checkOptions({ m, k, n, a, b, c, epilogue, tuning }: MatmulOptions): void {
  for (const [name, value] of Object.entries({ m, k, n })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`matmul ${name} must be a whole number ≥ 1, got ${value}`);
  }
  if (tuning && !(Number.isInteger(tuning.blockStrips) && tuning.blockStrips >= 1 && tuning.blockStrips <= 8)) {
    throw new RangeError(`matmul blockStrips must be a whole number in 1..8, got ${tuning.blockStrips}`);
  }
  const needs: [string, GPUBuffer | GPUBufferBinding | undefined, number][] = [
    ['A', a, m * k],
    ['B', b, k * n],
    ['C', c, m * n],
    ['bias', epilogue?.kind === 'bias-activation' ? epilogue.bias : undefined, n],
    ['Z', epilogue?.z, m * n],
  ];
  for (const [name, resource, floats] of needs) {
    if (!resource) continue;
    const binding = 'buffer' in resource ? resource : { buffer: resource };
    const bytes = binding.size ?? binding.buffer.size - (binding.offset ?? 0);
    if (bytes < floats * 4) throw new RangeError(`matmul ${name} needs ${floats * 4} bytes, its binding of ${binding.buffer.label} has ${bytes}`);
  }
}

function epilogueCode(epilogue: MatmulOptions['epilogue']): number {
  if (!epilogue) return EPILOGUE_CODE.none;
  if (epilogue.kind === 'activation-derivative') return EPILOGUE_CODE.activationDerivative;
  return epilogue.z ? EPILOGUE_CODE.biasActivationZ : EPILOGUE_CODE.biasActivation;
}

/** The bindings for `options`: the params uniform and stand-ins for bindings the epilogue does not use. */
function matmulResources(ctx: GpuContext, label: string, options: MatmulOptions) {
  const { m, k, n, epilogue } = options;
  const owned = [ctx.buffers.createWithData(`${label} params`, new Uint32Array([m, k, n, 0]), GPUBufferUsage.UNIFORM)];
  // Every entry point declares all six bindings, so an unused one still needs a (16-byte) buffer.
  const placeholder = (what: string): GPUBuffer => {
    const buffer = ctx.buffers.create({ label: `${label} unused ${what}`, size: 16, usage: GPUBufferUsage.STORAGE });
    owned.push(buffer);
    return buffer;
  };
  const bias = epilogue?.kind === 'bias-activation' ? epilogue.bias : placeholder('bias');
  const z = epilogue?.z ?? placeholder('Z');
  return { resources: [owned[0]!, options.a, options.b, options.c, bias, z], owned };
}

/** Compiles `path`'s pipeline for `options` and binds it to `resources` with the matching dispatch size. */
async function bindPath(ctx: GpuContext, cache: PipelineCache, options: MatmulOptions, path: MatmulPath, label: string, resources: KernelResource[]): Promise<BoundKernel> {
  const { layout, m, n, epilogue } = options;
  const { workgroupSize, blockStrips } = options.tuning ?? matmulTuning(ctx.adapter);
  const pipeline = await cache.pipeline({
    shader: MATMUL_SHADER,
    entryPoint: `matmul_${path}`,
    constants: {
      LAYOUT: LAYOUT_CODE[layout],
      EPILOGUE: epilogueCode(epilogue),
      ACTIVATION: ACTIVATION_CODE[epilogue?.activation ?? 'linear'],
      WORKGROUP_SIZE: workgroupSize,
      BLOCK_STRIPS: blockStrips,
    },
  });
  const [blockRows, blockCols] = path === 'vec4' ? [4 * blockStrips, VEC4_BLOCK_COLS] : [GENERAL_BLOCK, GENERAL_BLOCK];
  const invocations = Math.ceil(m / blockRows) * Math.ceil(n / blockCols);
  const workgroups = foldedDispatch(invocations, workgroupSize, ctx.device.limits.maxComputeWorkgroupsPerDimension);
  return bindKernel(ctx.device, pipeline, `${label} (${path})`, resources, workgroups);
}

export async function createMatmul(ctx: GpuContext, cache: PipelineCache, options: MatmulOptions): Promise<MatmulOp> {
  checkOptions(options);
  const { layout, m, k, n } = options;
  const bestPath: MatmulPath = fitsVec4Path(options) ? 'vec4' : 'general';
  const label = options.label ?? `matmul ${layout} ${m}×${k}×${n}`;
  const { resources, owned } = matmulResources(ctx, label, options);
  const release = () => owned.forEach((buffer) => ctx.buffers.destroy(buffer));
  let path: MatmulPath = options.quickStart ? 'general' : bestPath;
  let current = await bindPath(ctx, cache, options, path, label, resources).catch((error: unknown) => {
    release();
    throw error;
  });
  let switching: Promise<void> | undefined;
  const switchToFast = async () => {
    current = await bindPath(ctx, cache, options, bestPath, label, resources);
    path = bestPath;
  };
  return {
    get path() {
      return path;
    },
    encode: (pass) => current.encode(pass),
    switchToFastPath: () => (switching ??= path === bestPath ? Promise.resolve() : switchToFast()),
    dispose: release,
  };
}

/** Moving a group of quick-started matmuls (a forward or backward pass, a training step) to their vec4 pipelines. */
export interface FastPathSwitch {
  switchToFastPath(): Promise<void>;
}

export function fastPathOf(ops: readonly FastPathSwitch[]): FastPathSwitch {
  return { switchToFastPath: async () => void (await Promise.all(ops.map((op) => op.switchToFastPath()))) };
}
