// Fused softmax + cross-entropy on the GPU: dLogits of the mean loss, plus loss, correct and non-finite counts into accumulators.
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import softmaxCeCode from '../../../../shaders/softmax_ce.wgsl?raw';

const SOFTMAX_CE_SHADER: ShaderSource = { file: 'shaders/softmax_ce.wgsl', code: softmaxCeCode };
/** One workgroup does every row, in a fixed order, so the loss sum is reproducible; 64 lanes keep SwiftShader barriers cheap. */
const WORKGROUP_SIZE = 64;
export const MAX_CLASSES = 64;

/** Bytes of the accumulator buffer: [loss sum (f32 bits), correct (u32), non-finite rows (u32), padding]. */
export const LOSS_ACCUMULATOR_BYTES = 16;

export interface SoftmaxCrossEntropyOptions {
  batch: number;
  classes: number; // 1..64
  logits: GPUBuffer; // f32 [batch, classes]
  labels: GPUBuffer; // u32 [batch]; a label ≥ classes (e.g. gather's 0xffffffff) marks a row that is ignored
  dLogits: GPUBuffer; // f32 [batch, classes]: ∂(Σ loss / batch)/∂logits
  accumulators: GPUBuffer; // LOSS_ACCUMULATOR_BYTES, added to by every dispatch; the caller zeroes it
}

/** The op bound to its buffers; `encode` records one dispatch into a pass. */
export type SoftmaxCrossEntropyOp = ComputeOp;

export interface LossAccumulators {
  /** Σ loss over the counted rows; NaN once any row had a non-finite logit. */
  lossSum: number;
  correct: number;
  nonfiniteRows: number;
}

/** A zeroed accumulator buffer; zero it again with `encoder.clearBuffer` to start a new accumulation. */
export function createLossAccumulators(ctx: GpuContext, label = 'loss accumulators'): GPUBuffer {
  return ctx.buffers.create({
    label,
    size: LOSS_ACCUMULATOR_BYTES,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
}

/** Reads the accumulator words copied back from the GPU. */
export function decodeLossAccumulators(data: ArrayBuffer): LossAccumulators {
  const words = new Uint32Array(data, 0, 3);
  return { lossSum: new Float32Array(data, 0, 1)[0]!, correct: words[1]!, nonfiniteRows: words[2]! };
}

/** Throws unless `classes` is a class count the kernels support (1..MAX_CLASSES). */
export function checkClassCount(classes: number): void {
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
    throw new RangeError(`classes must be a whole number in 1..${MAX_CLASSES}, got ${classes}`);
  }
}

export async function createSoftmaxCrossEntropy(
  ctx: GpuContext,
  cache: PipelineCache,
  options: SoftmaxCrossEntropyOptions,
): Promise<SoftmaxCrossEntropyOp> {
  const { batch, classes } = options;
  checkClassCount(classes);
  return createKernelOp(ctx, cache, {
    pipeline: { shader: SOFTMAX_CE_SHADER, entryPoint: 'softmax_ce_loss_and_grad', constants: { WORKGROUP_SIZE, CLASSES: classes } },
    label: 'softmax-ce',
    params: new Uint32Array([batch, 0, 0, 0]),
    dispatch: { workgroups: [1] },
    storage: [options.logits, options.labels, options.dLogits, options.accumulators],
  });
}
