// Evaluates the model on a whole split (the 10,000 test images) on the GPU in chunks; only counts come back.
import type { GpuContext } from '../gpu/device';
import type { GpuSplit } from '../gpu/dataset';
import { awaitAll, type ComputeOp } from '../gpu/kernel';
import { createGather, type GatherOp } from '../gpu/kernels/gather';
import { createEvaluationCounts, createMetrics, decodeEvaluationCounts } from '../gpu/kernels/metrics';
import { createLossAccumulators, createSoftmaxCrossEntropy, decodeLossAccumulators } from '../gpu/kernels/softmax-ce';
import type { PipelineCache } from '../gpu/pipelines';
import { readBuffer } from '../gpu/readback';
import { createFloatTensor } from '../gpu/tensors';
import { networkLayers, networkSizes } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { createForwardPass, type ForwardPass } from './forward';
import type { ModelState } from './model-state';

export interface Evaluation {
  loss: number; // mean cross-entropy
  accuracy: number; // 0..1
  correct: number;
  count: number;
  confusion: Uint32Array; // [10 true, 10 predicted]
}

/** Images per chunk: large enough for few dispatches, small enough for modest activation buffers. */
export const EVALUATION_CHUNK_ROWS = 1000;

export interface Evaluator {
  evaluate(): Promise<Evaluation>;
  dispose(): void;
}

export async function createEvaluator(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState, split: GpuSplit): Promise<Evaluator> {
  const chunks = Math.ceil(split.count / EVALUATION_CHUNK_ROWS);
  const { inputFloats, classes } = networkSizes(networkLayers(spec));
  // Indices 0..count-1, padded past the end: gather marks those rows invalid and both counters skip them.
  const indices = ctx.buffers.createWithData('evaluation indices', Uint32Array.from({ length: chunks * EVALUATION_CHUNK_ROWS }, (_, i) => i), GPUBufferUsage.STORAGE);
  const pixels = createFloatTensor(ctx, 'evaluation pixels', EVALUATION_CHUNK_ROWS * inputFloats);
  const labels = ctx.buffers.create({ label: 'evaluation labels', size: EVALUATION_CHUNK_ROWS * 4, usage: GPUBufferUsage.STORAGE });
  const predictions = ctx.buffers.create({ label: 'evaluation predictions', size: EVALUATION_CHUNK_ROWS * 4, usage: GPUBufferUsage.STORAGE });
  const dLogits = createFloatTensor(ctx, 'evaluation dLogits (unused)', EVALUATION_CHUNK_ROWS * classes);
  const lossSums = createLossAccumulators(ctx, 'evaluation loss');
  const counts = createEvaluationCounts(ctx, classes);
  const buffers = [indices, pixels.buffer, labels, predictions, dLogits.buffer, lossSums, counts];
  // Pipelines compile concurrently; if one fails, everything made so far is freed.
  const built = await buildOps(ctx, cache, { spec, classes, model, split, chunks, indices, pixels, labels, predictions, dLogits, lossSums, counts }).catch((error: unknown) => {
    buffers.forEach((buffer) => ctx.buffers.destroy(buffer));
    throw error;
  });
  const [gather, forward, loss, metrics] = built;
  gather.setIndexOffsets(Array.from({ length: chunks }, (_, chunk) => chunk * EVALUATION_CHUNK_ROWS));

  return {
    async evaluate() {
      await forward.switchToFastPath(); // evaluations always run the same kernels, whenever they happen
      const encoder = ctx.device.createCommandEncoder({ label: 'evaluation' });
      encoder.clearBuffer(lossSums);
      encoder.clearBuffer(counts);
      const pass = encoder.beginComputePass({ label: 'evaluation' });
      for (let chunk = 0; chunk < chunks; chunk++) {
        gather.encode(pass, chunk);
        forward.encode(pass);
        loss.encode(pass);
        metrics.encode(pass);
      }
      pass.end();
      ctx.device.queue.submit([encoder.finish()]);
      const [lossBytes, countBytes] = await Promise.all([readBuffer(ctx, lossSums), readBuffer(ctx, counts)]);
      const { lossSum } = decodeLossAccumulators(lossBytes);
      const { correct, confusion } = decodeEvaluationCounts(countBytes, classes);
      return { loss: lossSum / split.count, accuracy: correct / split.count, correct, count: split.count, confusion };
    },
    dispose() {
      built.forEach((op) => op.dispose());
      buffers.forEach((buffer) => ctx.buffers.destroy(buffer));
    },
  };
}

interface EvaluationBuffers {
  spec: ModelSpec;
  classes: number;
  model: ModelState;
  split: GpuSplit;
  chunks: number;
  indices: GPUBuffer;
  pixels: GPUBufferBinding;
  labels: GPUBuffer;
  predictions: GPUBuffer;
  dLogits: GPUBufferBinding;
  lossSums: GPUBuffer;
  counts: GPUBuffer;
}

/** Gather, forward (quick-started), softmax-CE and metrics over one chunk; on a failure the ones made are disposed. */
async function buildOps(ctx: GpuContext, cache: PipelineCache, b: EvaluationBuffers) {
  const rows = EVALUATION_CHUNK_ROWS;
  const [gather, forward] = await awaitAll<GatherOp | ForwardPass>([
    createGather(ctx, cache, { split: b.split, batch: rows, indices: b.indices, pixels: b.pixels.buffer, labels: b.labels, slots: b.chunks }),
    createForwardPass(ctx, cache, { spec: b.spec, layout: b.model.layout, params: b.model.params, batch: rows, input: b.pixels, quickStart: true }),
  ]) as [GatherOp, ForwardPass];
  const logits = forward.logits.buffer;
  const counting = awaitAll<ComputeOp>([
    createSoftmaxCrossEntropy(ctx, cache, { batch: rows, classes: b.classes, logits, labels: b.labels, dLogits: b.dLogits.buffer, accumulators: b.lossSums }),
    createMetrics(ctx, cache, { rows, classes: b.classes, logits, labels: b.labels, predictions: b.predictions, counts: b.counts }),
  ]);
  const [loss, metrics] = await counting.catch((error: unknown) => {
    gather.dispose();
    forward.dispose();
    throw error;
  });
  return [gather, forward, loss!, metrics!] as const;
}
