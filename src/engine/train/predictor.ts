// Classifies one image on the GPU: a batch-1 forward pass (no dropout) over the model's live parameters, softmax on the CPU.
import { describeSample, MNIST, sampleSize } from '../data/datasets';
import type { GpuContext } from '../gpu/device';
import type { PipelineCache } from '../gpu/pipelines';
import { readBuffer } from '../gpu/readback';
import { createFloatTensor } from '../gpu/tensors';
import type { ModelSpec } from '../model/spec';
import { createForwardPass, type ForwardPass } from './forward';
import { lazyPart } from './lazy-part';
import type { ModelState } from './model-state';

export interface Predictor {
  /** pixels: [784] in [0, 1], ink high → probabilities: [10], summing to 1. */
  predict(pixels: Float32Array): Promise<Float32Array>;
  dispose(): void;
}

/** Throws a RangeError unless `pixels` is one MNIST image of 784 finite values. */
export function checkPixels(pixels: Float32Array): void {
  const size = sampleSize(MNIST);
  if (pixels.length !== size) throw new RangeError(`pixels must hold ${size} values (${describeSample(MNIST)}), got ${pixels.length}`);
  const bad = pixels.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new RangeError(`pixels must be finite numbers, got ${pixels[bad]} at index ${bad}`);
}

/** Softmax in float64 with the largest logit subtracted first, so no exp overflows. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  const values = Array.from(logits);
  const max = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return Float32Array.from(exps, (value) => value / sum);
}

/** A batch-1 forward pass without dropout, and the one-image input buffer it reads. */
export interface ImageForward {
  input: GPUBufferBinding; // X₀: [1, 784]
  forward: ForwardPass;
  /** Queues the upload of checked pixels: work submitted after it reads them. */
  write(pixels: Float32Array): void;
  dispose(): void;
}

/**
 * Binds the model's parameter buffer, so it always sees the current weights, and is queued behind any submitted
 * training steps. Matmuls start on their vec4 (fast) path at once: by the time a person predicts, training or
 * evaluation has usually compiled those pipelines already (the cache shares them).
 */
export async function createImageForward(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState): Promise<ImageForward> {
  const input = createFloatTensor(ctx, 'one-image pixels', sampleSize(MNIST));
  const forward = await createForwardPass(ctx, cache, { spec, layout: model.layout, params: model.params, batch: 1, input }).catch((error: unknown) => {
    ctx.buffers.destroy(input.buffer);
    throw error;
  });
  return {
    input,
    forward,
    write(pixels) {
      checkPixels(pixels);
      ctx.device.queue.writeBuffer(input.buffer, 0, pixels);
    },
    dispose() {
      forward.dispose();
      ctx.buffers.destroy(input.buffer);
    },
  };
}

/** Builds the pass once per model (see createImageForward). */
export async function createPredictor(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState): Promise<Predictor> {
  const image = await createImageForward(ctx, cache, spec, model);
  const logits = image.forward.logits; // [1, 10]
  return {
    async predict(pixels) {
      image.write(pixels);
      const encoder = ctx.device.createCommandEncoder({ label: 'prediction' });
      const pass = encoder.beginComputePass({ label: 'prediction forward' });
      image.forward.encode(pass);
      pass.end();
      ctx.device.queue.submit([encoder.finish()]);
      // readBuffer submits its copy before it awaits, so a later predict's pass cannot overwrite these logits first.
      const bytes = await readBuffer(ctx, logits.buffer, logits.size);
      return softmax(new Float32Array(bytes));
    },
    dispose: image.dispose,
  };
}

/** A one-image part (predictor, inspector) built on first use by lazyPart; `run` checks the pixels before anything is built. */
export function lazyOnImage<T extends { dispose(): void }, R>(build: () => Promise<T>, refusal: string, use: (part: T, pixels: Float32Array) => Promise<R>) {
  const part = lazyPart(build, refusal);
  return {
    async run(pixels: Float32Array): Promise<R> {
      checkPixels(pixels);
      return use(await part.get(), pixels);
    },
    dispose: part.dispose,
  };
}

/** A predictor built by `build` on the first prediction; once disposed, predictions are refused. */
export function lazyPredictor(build: () => Promise<Predictor>): Predictor {
  const lazy = lazyOnImage(build, 'This model was replaced or freed, so it cannot predict.', (predictor, pixels) => predictor.predict(pixels));
  return { predict: lazy.run, dispose: lazy.dispose };
}
