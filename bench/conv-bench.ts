// The convolution rows of the kernel benchmark: W2's conv kernels, each beside our matmul at the GEMM shape it amounts to.
import { createConvBackwardInput, createConvBackwardWeights, createConvForward, type ConvGeometry } from '../src/engine/gpu/kernels/conv2d';
import { createMatmul, type MatmulLayout } from '../src/engine/gpu/kernels/matmul';
import type { GpuContext } from '../src/engine/gpu/device';
import type { ComputeOp } from '../src/engine/gpu/kernel';
import type { PipelineCache } from '../src/engine/gpu/pipelines';
import { convWindow } from '../src/engine/layers/conv2d/spec';
import { imageWindow } from '../src/engine/layers/shapes';
import { networkLayers } from '../src/engine/model/network';
import { messageOf } from './contender';
import { timeRuns } from './measure';
import type { TimingSettings } from './protocol';
import { W2_BATCH, W2_SPEC } from './w2';

export type ConvOp = 'forward' | 'dX' | 'dW';

/** The matmul a conv op amounts to, patches as if gathered: forward [B·P, C·k²]·[C·k², F], dX dZ·Wᵀ, dW patchesᵀ·dZ. */
export interface GemmShape {
  m: number;
  k: number;
  n: number;
  layout: MatmulLayout;
}

export interface ConvRow {
  /** 'conv 1 forward' */
  name: string;
  geometry: ConvGeometry;
  gemm: GemmShape;
  conv: { gflops: number; msPerCall: number } | { error: string };
  matmul: { gflops: number; msPerCall: number; path: string } | { error: string };
}

/** Multiply-adds ×2 of each op: one product per output value and tap (dX and dW make as many as the forward). */
export const convFlops = ({ batch, input, output, window }: ConvGeometry): number => 2 * batch * output.height * output.width * output.channels * input.channels * window.size ** 2;

function gemmOf({ batch, input, output, window }: ConvGeometry, op: ConvOp): GemmShape {
  const taps = window.size ** 2;
  if (op === 'forward') return { m: batch * output.height * output.width, k: input.channels * taps, n: output.channels, layout: 'nn' };
  if (op === 'dX') return { m: batch * input.height * input.width, k: output.channels * taps, n: input.channels, layout: 'nt' };
  return { m: input.channels * taps, k: batch * output.height * output.width, n: output.channels, layout: 'tn' };
}

/** W2's convolutions at its batch, and the ops training runs on each (no dX for the first: the images need none). */
export function w2ConvOps(): { name: string; geometry: ConvGeometry; op: ConvOp }[] {
  const convs = networkLayers(W2_SPEC).filter(({ spec }) => spec.kind === 'conv2d');
  return convs.flatMap(({ spec, place }, i) => {
    if (spec.kind !== 'conv2d') return [];
    const geometry: ConvGeometry = { batch: W2_BATCH, ...imageWindow(place.input, place.output, convWindow(spec)) };
    const ops: ConvOp[] = i === 0 ? ['forward', 'dW'] : ['forward', 'dX', 'dW'];
    return ops.map((op) => ({ name: `conv ${i + 1} ${op}`, geometry, op }));
  });
}

/** Scratch buffers of each size an op reads or writes (contents do not change the timing). */
function buffers(ctx: GpuContext, sizes: readonly number[]): GPUBuffer[] {
  return sizes.map((floats, i) => ctx.buffers.create({ label: `conv bench ${i}`, size: Math.max(16, floats * 4), usage: GPUBufferUsage.STORAGE }));
}

async function convKernel(ctx: GpuContext, cache: PipelineCache, geometry: ConvGeometry, op: ConvOp, made: GPUBuffer[]): Promise<ComputeOp> {
  const { batch, input, output, window } = geometry;
  const [x, weights, bias, z, y] = buffers(ctx, [batch * input.height * input.width * input.channels, input.channels * window.size ** 2 * output.channels, output.channels, batch * output.height * output.width * output.channels, batch * output.height * output.width * output.channels]);
  made.push(x!, weights!, bias!, z!, y!);
  if (op === 'forward') return createConvForward(ctx, cache, { geometry, activation: 'relu', x: x!, weights: weights!, bias: bias!, z: z!, y: y! });
  if (op === 'dX') return createConvBackwardInput(ctx, cache, { geometry, dZ: z!, weights: weights!, dX: x! });
  return createConvBackwardWeights(ctx, cache, { geometry, x: x!, dZ: z!, dW: weights!, db: bias! });
}

/** Records `reps` dispatches of `op` into one pass, submits once and waits for the queue. */
const runner = (ctx: GpuContext, op: ComputeOp) => async (reps: number) => {
  const encoder = ctx.device.createCommandEncoder({ label: 'conv bench' });
  const pass = encoder.beginComputePass({ label: 'conv bench' });
  for (let r = 0; r < reps; r++) op.encode(pass);
  pass.end();
  ctx.device.queue.submit([encoder.finish()]);
  await ctx.device.queue.onSubmittedWorkDone();
};

async function timed(ctx: GpuContext, flops: number, settings: TimingSettings, make: (made: GPUBuffer[]) => Promise<ComputeOp>) {
  const made: GPUBuffer[] = [];
  try {
    const op = await make(made);
    const run = runner(ctx, op);
    const { seconds, msPerCall } = await timeRuns({ warmUp: () => run(1), run }, settings).finally(() => op.dispose());
    return { gflops: flops / seconds / 1e9, msPerCall };
  } finally {
    made.forEach((buffer) => ctx.buffers.destroy(buffer));
  }
}

/** Each of W2's conv ops, and our matmul at its GEMM shape, timed on `ctx`. */
export async function measureW2Convs(ctx: GpuContext, cache: PipelineCache, settings: TimingSettings): Promise<ConvRow[]> {
  const rows: ConvRow[] = [];
  for (const { name, geometry, op } of w2ConvOps()) {
    const flops = convFlops(geometry);
    const gemm = gemmOf(geometry, op);
    const conv = await timed(ctx, flops, settings, (made) => convKernel(ctx, cache, geometry, op, made)).catch((error: unknown) => ({ error: messageOf(error) }));
    let path = '';
    const matmul = await timed(ctx, 2 * gemm.m * gemm.k * gemm.n, settings, async (made) => {
      made.push(...buffers(ctx, [gemm.m * gemm.k, gemm.k * gemm.n, gemm.m * gemm.n]));
      const [a, b, c] = made.slice(-3) as [GPUBuffer, GPUBuffer, GPUBuffer];
      const matmulOp = await createMatmul(ctx, cache, { ...gemm, a, b, c });
      path = matmulOp.path;
      return matmulOp;
    })
      .then((result) => ({ ...result, path }))
      .catch((error: unknown) => ({ error: messageOf(error) }));
    rows.push({ name, geometry, gemm, conv, matmul });
  }
  return rows;
}

/** What the benchmark page exposes on `window.convBench`, beside `window.kernelBench`. */
export interface ConvBenchApi {
  measure(settings: TimingSettings): Promise<ConvRow[] | { error: string }>;
}

declare global {
  interface Window {
    convBench?: ConvBenchApi;
  }
}
