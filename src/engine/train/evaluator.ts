// Evaluates the model on a whole split (the 10,000 test images) on the GPU in chunks; counts and per-image predictions come back.
import type { GpuContext } from '../gpu/device';
import type { GpuSplit } from '../gpu/dataset';
import { awaitAll, type ComputeOp } from '../gpu/kernel';
import { createGather, type GatherOp } from '../gpu/kernels/gather';
import { createEvaluationCounts, createMetrics, decodeEvaluationCounts } from '../gpu/kernels/metrics';
import { createLossAccumulators, createSoftmaxCrossEntropy, decodeLossAccumulators } from '../gpu/kernels/softmax-ce';
import type { PipelineCache } from '../gpu/pipelines';
import { stageReads } from '../gpu/readback';
import { createFloatTensor } from '../gpu/tensors';
import type { TestPredictions } from '../insight/types';
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
  /** Per image of the split: the predicted class and its softmax probability. */
  predictions: TestPredictions;
}

/** Images per chunk: large enough for few dispatches, small enough for modest activation buffers. */
export const EVALUATION_CHUNK_ROWS = 1000;

export interface Evaluator {
  evaluate(): Promise<Evaluation>;
  dispose(): void;
}

export async function createEvaluator(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState, split: GpuSplit): Promise<Evaluator> {
  const chunks = Math.ceil(split.count / EVALUATION_CHUNK_ROWS);
  const paddedRows = chunks * EVALUATION_CHUNK_ROWS;
  const { inputFloats, classes } = networkSizes(networkLayers(spec));
  // Indices 0..count-1, padded past the end: gather marks those rows invalid and both counters skip them.
  const indices = ctx.buffers.createWithData('evaluation indices', Uint32Array.from({ length: paddedRows }, (_, i) => i), GPUBufferUsage.STORAGE);
  const pixels = createFloatTensor(ctx, 'evaluation pixels', EVALUATION_CHUNK_ROWS * inputFloats);
  const labels = ctx.buffers.create({ label: 'evaluation labels', size: EVALUATION_CHUNK_ROWS * 4, usage: GPUBufferUsage.STORAGE });
  // Whole-split outputs, each chunk writing its own rows: u32 classes and f32 probabilities.
  const perImage = (label: string) => ctx.buffers.create({ label, size: paddedRows * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const predictions = perImage('evaluation predictions');
  const confidence = perImage('evaluation confidence');
  const dLogits = createFloatTensor(ctx, 'evaluation dLogits (unused)', EVALUATION_CHUNK_ROWS * classes);
  const lossSums = createLossAccumulators(ctx, 'evaluation loss');
  const counts = createEvaluationCounts(ctx, classes);
  const buffers = [indices, pixels.buffer, labels, predictions, confidence, dLogits.buffer, lossSums, counts];
  // Pipelines compile concurrently; if one fails, everything made so far is freed.
  const built = await buildOps(ctx, cache, { spec, classes, model, split, chunks, indices, pixels, labels, predictions, confidence, dLogits, lossSums, counts }).catch(
    (error: unknown) => {
      buffers.forEach((buffer) => ctx.buffers.destroy(buffer));
      throw error;
    },
  );
  const { gather, forward, loss, metrics } = built;
  gather.setIndexOffsets(Array.from({ length: chunks }, (_, chunk) => chunk * EVALUATION_CHUNK_ROWS));
  const imageBytes = split.count * 4;

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
        metrics[chunk]!.encode(pass);
      }
      pass.end();
      // One submit: the work and the copies of everything read back.
      const reads = stageReads(ctx, encoder, [
        { source: lossSums },
        { source: counts },
        { source: predictions, byteLength: imageBytes },
        { source: confidence, byteLength: imageBytes },
      ]);
      ctx.device.queue.submit([encoder.finish()]);
      const [lossBytes, countBytes, predictionBytes, confidenceBytes] = await reads.read();
      const { lossSum } = decodeLossAccumulators(lossBytes!);
      const { correct, confusion } = decodeEvaluationCounts(countBytes!, classes);
      const perImagePredictions = { predicted: Uint8Array.from(new Uint32Array(predictionBytes!)), confidence: new Float32Array(confidenceBytes!) };
      return { loss: lossSum / split.count, accuracy: correct / split.count, correct, count: split.count, confusion, predictions: perImagePredictions };
    },
    dispose() {
      [gather, forward, loss, ...metrics].forEach((op) => op.dispose());
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
  confidence: GPUBuffer;
  dLogits: GPUBufferBinding;
  lossSums: GPUBuffer;
  counts: GPUBuffer;
}

/** Gather, forward (quick-started), softmax-CE and one metrics op per chunk; on a failure the ones made are disposed. */
async function buildOps(ctx: GpuContext, cache: PipelineCache, b: EvaluationBuffers) {
  const rows = EVALUATION_CHUNK_ROWS;
  const [gather, forward] = (await awaitAll<GatherOp | ForwardPass>([
    createGather(ctx, cache, { split: b.split, batch: rows, indices: b.indices, pixels: b.pixels.buffer, labels: b.labels, slots: b.chunks }),
    createForwardPass(ctx, cache, { spec: b.spec, layout: b.model.layout, params: b.model.params, batch: rows, input: b.pixels, quickStart: true }),
  ])) as [GatherOp, ForwardPass];
  const logits = forward.logits.buffer;
  const metricsOf = (chunk: number) =>
    createMetrics(ctx, cache, { rows, classes: b.classes, logits, labels: b.labels, firstRow: chunk * rows, predictions: b.predictions, confidence: b.confidence, counts: b.counts });
  const counting = awaitAll<ComputeOp>([
    createSoftmaxCrossEntropy(ctx, cache, { batch: rows, classes: b.classes, logits, labels: b.labels, dLogits: b.dLogits.buffer, accumulators: b.lossSums }),
    ...Array.from({ length: b.chunks }, (_, chunk) => metricsOf(chunk)),
  ]);
  const [loss, ...metrics] = await counting.catch((error: unknown) => {
    gather.dispose();
    forward.dispose();
    throw error;
  });
  return { gather, forward, loss: loss!, metrics };
}
