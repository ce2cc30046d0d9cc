// What the kernel benchmark measures (matmul shapes and layouts) and the data its page hands back to the runner.
import type { MatmulLayout } from '../src/engine/reference/matmul';

export type { MatmulLayout };

/** C [m, n] = op(A) [m, k] · op(B) [k, n]. */
export interface MatmulShape {
  m: number;
  k: number;
  n: number;
  layout: MatmulLayout;
  /** Where the shape comes from in training, e.g. 'dW 784→128'. */
  role: string;
}

export const CONTENDERS = ['ours', 'tfjs', 'jax'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** How long and how often to time each (shape, contender). */
export interface TimingSettings {
  /** Each timed batch repeats the matmul until it runs at least this long. */
  batchSeconds: number;
  /** Timed batches per (shape, contender); the median counts. */
  batches: number;
}

export interface Measurement {
  /** The kernel the implementation picked, where it says which. */
  variant?: string;
  gflops: number;
  /** Median over the timed batches. */
  msPerCall: number;
  repsPerBatch: number;
  /** Every timed batch, to show the noise. */
  batchMsPerCall: number[];
  /** Setup plus the first run: uploads and shader compilation. */
  warmupMs: number;
  /** Largest error at sampled outputs against a float64 reference, relative to Σ|a·b| there. */
  maxRelativeError: number;
}

/** Outputs further than this from the float64 reference (relative to Σ|a·b|) mean the kernel is wrong. */
export const MAX_RELATIVE_ERROR = 1e-3;

export type ContenderResult = Measurement | { error: string };

export interface ShapeResult {
  shape: MatmulShape;
  results: Record<ContenderName, ContenderResult>;
}

/** The adapter ('vendor/architecture') a contender started on, or why it could not start. */
export type ContenderStart = { adapter: string } | { error: string };

/** What the benchmark page exposes on `window.kernelBench` once its module has loaded. */
export interface KernelBenchApi {
  /** Starts every contender's GPU device. */
  start(): Promise<Record<ContenderName, ContenderStart>>;
  measure(shape: MatmulShape, settings: TimingSettings): Promise<ShapeResult>;
}

declare global {
  interface Window {
    kernelBench?: KernelBenchApi;
  }
}

/** The MNIST MLP the app trains by default: 784 → 128 → 64 → 10, batch 128. */
const BATCH = 128;
const LAYERS: readonly [number, number][] = [
  [784, 128],
  [128, 64],
  [64, 10],
];

/** Forward X[batch, in]·W[in, out], then dW = Xᵀ·dY and dX = dY·Wᵀ. */
function layerShapes(inputs: number, outputs: number): MatmulShape[] {
  const layer = `${inputs}→${outputs}`;
  return [
    { m: BATCH, k: inputs, n: outputs, layout: 'nn', role: `forward ${layer}` },
    { m: inputs, k: BATCH, n: outputs, layout: 'tn', role: `dW ${layer}` },
    { m: BATCH, k: outputs, n: inputs, layout: 'nt', role: `dX ${layer}` },
  ];
}

const LARGE: MatmulShape = { m: 1024, k: 1024, n: 1024, layout: 'nn', role: 'large square' };

/** The shapes to time; `quick` leaves out the 1024³ one. */
export function benchShapes(quick: boolean): MatmulShape[] {
  const training = LAYERS.flatMap(([inputs, outputs]) => layerShapes(inputs, outputs));
  return quick ? training : [...training, LARGE];
}

/** e.g. '128x784x128 nn' (M×K×N and layout). */
export function shapeLabel({ m, k, n, layout }: MatmulShape): string {
  return `${m}x${k}x${n} ${layout}`;
}

export function flopsOf({ m, k, n }: MatmulShape): number {
  return 2 * m * n * k;
}
