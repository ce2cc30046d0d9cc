// Classifies one image on the GPU: a batch-1 forward pass (no dropout) over the model's live parameters, softmax on the CPU.
import { describeSample, MNIST, sampleSize } from '../data/datasets';
import type { GpuContext } from '../gpu/device';
import type { PipelineCache } from '../gpu/pipelines';
import { readBuffer } from '../gpu/readback';
import { createFloatTensor } from '../gpu/tensors';
import { networkLayers, networkSizes } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { createForwardPass } from './forward';
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

/**
 * Builds the pass once per model. It binds the model's parameter buffer, so it always sees the current weights, and
 * is queued behind any submitted training steps. Matmuls start on their vec4 (fast) path at once: by the time a
 * person predicts, training or evaluation has usually compiled those pipelines already (the cache shares them).
 */
export async function createPredictor(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState): Promise<Predictor> {
  const { inputFloats, classes } = networkSizes(networkLayers(spec));
  const input = createFloatTensor(ctx, 'prediction pixels', inputFloats); // X₀: [1, 784]
  const forward = await createForwardPass(ctx, cache, { spec, layout: model.layout, params: model.params, batch: 1, input }).catch((error: unknown) => {
    ctx.buffers.destroy(input.buffer);
    throw error;
  });
  const logits = forward.logits; // [1, 10]
  return {
    async predict(pixels) {
      checkPixels(pixels);
      ctx.device.queue.writeBuffer(input.buffer, 0, pixels);
      const encoder = ctx.device.createCommandEncoder({ label: 'prediction' });
      const pass = encoder.beginComputePass({ label: 'prediction forward' });
      forward.encode(pass);
      pass.end();
      ctx.device.queue.submit([encoder.finish()]);
      // readBuffer submits its copy before it awaits, so a later predict's pass cannot overwrite these logits first.
      const bytes = await readBuffer(ctx, logits.buffer, classes * 4);
      return softmax(new Float32Array(bytes));
    },
    dispose() {
      forward.dispose();
      ctx.buffers.destroy(input.buffer);
    },
  };
}

/**
 * A predictor built by `build` on the first prediction (once; again after a failed build). Input is checked before
 * anything is built. `dispose` frees it at once, or as soon as a build in progress ends; later predictions are refused.
 */
export function lazyPredictor(build: () => Promise<Predictor>): Predictor {
  let building: Promise<Predictor> | undefined;
  let built: Predictor | undefined;
  let disposed = false;
  const refused = () => new Error('This model was replaced or freed, so it cannot predict.');
  const start = async (): Promise<Predictor> => {
    try {
      const predictor = await build();
      if (disposed) {
        predictor.dispose();
        throw refused();
      }
      built = predictor;
      return predictor;
    } catch (error) {
      building = undefined;
      throw error;
    }
  };
  return {
    async predict(pixels) {
      checkPixels(pixels);
      if (disposed) throw refused();
      building ??= start();
      const predictor = await building;
      if (disposed) throw refused();
      return predictor.predict(pixels);
    },
    dispose() {
      disposed = true;
      built?.dispose();
      built = undefined;
    },
  };
}
