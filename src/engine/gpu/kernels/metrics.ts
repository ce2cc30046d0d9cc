// Evaluation on the GPU: argmax per row and its softmax probability, correct predictions and a confusion matrix accumulated
// over test-set chunks; and the one-hot of a row's argmax, the dLogits of a saliency map.
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { checkClassCount } from './softmax-ce';
import metricsCode from '../../../../shaders/metrics.wgsl?raw';

const METRICS_SHADER: ShaderSource = { file: 'shaders/metrics.wgsl', code: metricsCode };
/** Small: SwiftShader makes workgroup barriers far costlier in large workgroups (≈ 10× at 256 than at 64). */
const WORKGROUP_SIZE = 64;

export interface MetricsOptions {
  rows: number;
  classes: number; // 1..64
  logits: GPUBuffer; // f32 [rows, classes]
  labels: GPUBuffer; // u32 [rows]; a label ≥ classes (gather's 0xffffffff for a padding index) is not counted
  /** Where these rows start in `predictions` and `confidence` (one op per chunk fills whole-split buffers); 0 by default. */
  firstRow?: number;
  predictions: GPUBuffer; // u32 [firstRow + rows]: argmax per row, ties → lowest index
  confidence: GPUBuffer; // f32 [firstRow + rows]: the softmax probability of that class
  counts: GPUBuffer; // evaluationCountBytes(classes), added to by every dispatch; the caller zeroes it
}

/** The op bound to its buffers; `encode` records one dispatch into a pass. */
export type MetricsOp = ComputeOp;

export interface EvaluationTotals {
  correct: number;
  confusion: Uint32Array; // [classes (true), classes (predicted)]
}

/** Bytes of the counts buffer: [correct, confusion[classes × classes]] as u32. */
export function evaluationCountBytes(classes: number): number {
  return 4 * (1 + classes * classes);
}

/** A zeroed counts buffer; zero it again with `encoder.clearBuffer` before the next evaluation. */
export function createEvaluationCounts(ctx: GpuContext, classes: number, label = 'evaluation counts'): GPUBuffer {
  return ctx.buffers.create({
    label,
    size: evaluationCountBytes(classes),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
}

/** Reads the counts copied back from the GPU. */
export function decodeEvaluationCounts(data: ArrayBuffer, classes: number): EvaluationTotals {
  const words = new Uint32Array(data, 0, 1 + classes * classes);
  return { correct: words[0]!, confusion: words.slice(1) };
}

export async function createMetrics(ctx: GpuContext, cache: PipelineCache, options: MetricsOptions): Promise<MetricsOp> {
  const { rows, classes, firstRow = 0 } = options;
  checkClassCount(classes);
  return createKernelOp(ctx, cache, {
    pipeline: { shader: METRICS_SHADER, entryPoint: 'metrics_accumulate', constants: { WORKGROUP_SIZE, CLASSES: classes } },
    label: `metrics from row ${firstRow}`,
    params: new Uint32Array([rows, firstRow, 0, 0]),
    dispatch: { invocations: rows, workgroupSize: WORKGROUP_SIZE },
    storage: [options.logits, options.labels, options.predictions, options.confidence, options.counts],
  });
}

export interface OneHotArgmaxOptions {
  rows: number;
  classes: number; // 1..64
  logits: GPUBuffer | GPUBufferBinding; // f32 [rows, classes]
  oneHot: GPUBuffer | GPUBufferBinding; // f32 [rows, classes]: 1 at each row's argmax (ties → lowest index), 0 elsewhere
}

/** oneHot = onehot(argmax(logits)) per row, so a backward pass from it needs no CPU round trip. */
export async function createOneHotArgmax(ctx: GpuContext, cache: PipelineCache, options: OneHotArgmaxOptions): Promise<ComputeOp> {
  const { rows, classes } = options;
  checkClassCount(classes);
  return createKernelOp(ctx, cache, {
    pipeline: { shader: METRICS_SHADER, entryPoint: 'one_hot_argmax', constants: { WORKGROUP_SIZE, CLASSES: classes } },
    label: 'one-hot argmax',
    params: new Uint32Array([rows, 0, 0, 0]),
    dispatch: { invocations: rows, workgroupSize: WORKGROUP_SIZE },
    storage: [options.logits, undefined, undefined, undefined, undefined, options.oneHot],
  });
}
