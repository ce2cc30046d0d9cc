// What the model makes of one image, on the GPU in one submit: a batch-1 forward pass (no dropout), the one-hot of its
// argmax, a backward pass from it down to the pixels (saliency), and one readback of logits, saliency and hidden outputs.
import type { GpuContext } from '../gpu/device';
import type { ComputeOp } from '../gpu/kernel';
import { createOneHotArgmax } from '../gpu/kernels/metrics';
import type { PipelineCache } from '../gpu/pipelines';
import { rangeOf, stageReads } from '../gpu/readback';
import { createFloatTensor } from '../gpu/tensors';
import { networkLayers, networkSizes } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { createBackwardPass, type BackwardPass } from '../train/backward';
import type { ModelState } from '../train/model-state';
import { createImageForward, lazyOnImage, softmax } from '../train/predictor';
import type { Inspection, LayerActivations } from './types';

export interface Inspector {
  /** pixels: [784] in [0, 1], ink high. */
  inspect(pixels: Float32Array): Promise<Inspection>;
  dispose(): void;
}

/**
 * Builds the passes once per model; like the predictor they bind the live parameters and queue behind submitted
 * training steps. Parameter gradients go to a scratch buffer of the inspector's own, so training's are untouched.
 * `currentStep` is read as the work is submitted: the step of the weights it sees.
 */
export async function createInspector(ctx: GpuContext, cache: PipelineCache, spec: ModelSpec, model: ModelState, currentStep: () => number): Promise<Inspector> {
  const network = networkLayers(spec);
  const { classes } = networkSizes(network);
  const image = await createImageForward(ctx, cache, spec, model);
  const scratchGrads = createFloatTensor(ctx, 'inspection parameter gradients (scratch)', model.layout.totalFloats);
  const release = () => {
    image.dispose();
    ctx.buffers.destroy(scratchGrads.buffer);
  };
  const { forward } = image;
  let backward: BackwardPass | undefined;
  let oneHot: ComputeOp;
  try {
    backward = await createBackwardPass(ctx, cache, { forward, layout: model.layout, grads: scratchGrads.buffer, batch: 1, inputGradient: true });
    // dLogits = onehot(argmax(logits)) ⇒ the backward pass gives ∂(predicted logit)/∂X₀.
    oneHot = await createOneHotArgmax(ctx, cache, { rows: 1, classes, logits: forward.logits, oneHot: backward.dLogits });
  } catch (error) {
    backward?.dispose();
    release();
    throw error;
  }
  // Hidden layers that write an output of their own: pass-through ones (Flatten, Dropout at inference) only repeat their input's.
  const shown = forward.layers.filter(({ place, y }, i) => place.role === 'hidden' && y.buffer !== (forward.layers[i - 1]?.y ?? image.input).buffer);
  return {
    async inspect(pixels) {
      image.write(pixels);
      const encoder = ctx.device.createCommandEncoder({ label: 'inspection' });
      const pass = encoder.beginComputePass({ label: 'inspection forward and backward' });
      forward.encode(pass);
      oneHot.encode(pass);
      backward.encode(pass);
      pass.end();
      const reads = stageReads(ctx, encoder, [forward.logits, backward.dLogits, backward.dInput!, ...shown.map(({ y }) => y)].map(rangeOf));
      const step = currentStep();
      ctx.device.queue.submit([encoder.finish()]);
      const [logits, target, saliency, ...outputs] = await reads.read();
      const layers = shown.map(({ place }, i): LayerActivations => {
        const { spec: layer, kind } = network[place.index]!;
        return { index: place.index, name: kind.name(layer, place.role), shape: place.output, values: new Float32Array(outputs[i]!) };
      });
      const predicted = new Float32Array(target!).indexOf(1);
      return { probabilities: softmax(new Float32Array(logits!)), predicted, saliency: new Float32Array(saliency!), layers, step };
    },
    dispose() {
      oneHot.dispose();
      backward.dispose();
      release();
    },
  };
}

/** An inspector built by `build` on the first inspection (see lazyOnImage); once disposed, inspections are refused. */
export function lazyInspector(build: () => Promise<Inspector>): Inspector {
  const lazy = lazyOnImage(build, 'This model was replaced or freed, so it cannot inspect an image.', (inspector, pixels) => inspector.inspect(pixels));
  return { inspect: lazy.run, dispose: lazy.dispose };
}
