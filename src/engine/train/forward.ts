// The forward pass of an MLP on the GPU: one fused matmul + bias + activation per Dense layer, dropout between.
import type { Activation } from '../activations';
import type { GpuContext } from '../gpu/device';
import { awaitAll } from '../gpu/kernel';
import { createDropout, type DropoutOp } from '../gpu/kernels/dropout';
import { createMatmul, fastPathOf, type FastPathSwitch, type MatmulOp } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import { createFloatTensor, floatRange } from '../gpu/tensors';
import { PIXELS_PER_IMAGE } from '../data/mnist';
import type { ParameterLayout } from '../model/parameters';
import { OUTPUT_LAYER, type ModelSpec } from '../model/spec';

/** One layer's tensors; `input` is what the layer reads, `output` what it writes. */
export type ForwardLayer =
  | {
      kind: 'dense';
      index: number;
      inputs: number;
      outputs: number;
      activation: Activation;
      input: GPUBufferBinding; // X: [batch, inputs]
      z: GPUBufferBinding; // Z = X·W + b: [batch, outputs]
      output: GPUBufferBinding; // Y = act(Z): [batch, outputs]
      weights: GPUBufferBinding; // W: [inputs, outputs]
      op: MatmulOp;
    }
  | {
      kind: 'dropout';
      index: number;
      width: number;
      input: GPUBufferBinding;
      output: GPUBufferBinding;
      /** Gradients for backward: dY of the output, and dX of the input it produces. */
      dOutput: GPUBufferBinding;
      dInput: GPUBufferBinding;
      op: DropoutOp;
    };

export interface ForwardOptions {
  spec: ModelSpec;
  layout: ParameterLayout;
  params: GPUBuffer; // flat parameters
  batch: number;
  input: GPUBufferBinding; // X₀: [batch, 784]
  /** Training applies dropout (masks from seed + GPU step counter); evaluation skips it. */
  dropout?: { seed: number; stepCounter: GPUBuffer };
  /** Matmuls start on their quickly compiled path (see MatmulOptions.quickStart). */
  quickStart?: boolean;
}

export interface ForwardPass extends FastPathSwitch {
  layers: ForwardLayer[];
  logits: GPUBufferBinding; // [batch, 10]
  encode(pass: GPUComputePassEncoder): void;
  dispose(): void;
}

export async function createForwardPass(ctx: GpuContext, cache: PipelineCache, options: ForwardOptions): Promise<ForwardPass> {
  const { spec, layout, params, batch } = options;
  const owned: GPUBufferBinding[] = [];
  const tensor = (label: string, floats: number) => {
    const created = createFloatTensor(ctx, label, floats);
    owned.push(created);
    return created;
  };
  // Pipelines compile concurrently: each layer is complete once its op is.
  const pending: Promise<ForwardLayer>[] = [];
  let previousDropoutGradient: GPUBufferBinding | undefined;
  let input = options.input;
  let width = PIXELS_PER_IMAGE;
  for (const [index, layer] of [...spec.layers, OUTPUT_LAYER].entries()) {
    if (layer.kind === 'dropout') {
      if (!options.dropout) continue;
      const output = tensor(`dropout ${index} Y`, batch * width);
      const dOutput = tensor(`dropout ${index} dY`, batch * width);
      // Consecutive dropouts: this one's input gradient is the previous one's output gradient.
      const dInput = previousDropoutGradient ?? tensor(`dropout ${index} dX`, batch * width);
      previousDropoutGradient = dOutput;
      const op = createDropout(ctx, cache, {
        length: batch * width,
        rate: layer.rate,
        seed: (options.dropout.seed + index * 0x9e3779b9) >>> 0,
        stepCounter: options.dropout.stepCounter,
        x: input.buffer,
        y: output.buffer,
        dY: dOutput.buffer,
        dX: dInput.buffer,
      });
      const layerInput = input;
      pending.push(op.then((made) => ({ kind: 'dropout', index, width, input: layerInput, output, dOutput, dInput, op: made })));
      input = output;
      continue;
    }
    const { weightOffset, biasOffset } = layout.dense.find((d) => d.layerIndex === index)!;
    const weights = floatRange(params, weightOffset, width * layer.units);
    const z = tensor(`dense ${index} Z`, batch * layer.units);
    const output = tensor(`dense ${index} Y`, batch * layer.units);
    previousDropoutGradient = undefined;
    const op = createMatmul(ctx, cache, {
      layout: 'nn',
      m: batch,
      k: width,
      n: layer.units,
      a: input,
      b: weights,
      c: output,
      epilogue: { kind: 'bias-activation', bias: floatRange(params, biasOffset, layer.units), activation: layer.activation, z },
      quickStart: options.quickStart,
    });
    const [layerInput, inputs, activation] = [input, width, layer.activation];
    pending.push(op.then((made) => ({ kind: 'dense', index, inputs, outputs: layer.units, activation, input: layerInput, z, output, weights, op: made })));
    input = output;
    width = layer.units;
  }
  const releaseTensors = () => owned.forEach(({ buffer }) => ctx.buffers.destroy(buffer));
  const layers = await awaitAll(pending, (layer) => layer.op.dispose()).catch((error: unknown) => {
    releaseTensors();
    throw error;
  });
  const matmuls = layers.flatMap((layer) => (layer.kind === 'dense' ? [layer.op] : []));
  return {
    ...fastPathOf(matmuls),
    layers,
    logits: input,
    encode(pass) {
      for (const layer of layers) {
        if (layer.kind === 'dense') layer.op.encode(pass);
        else layer.op.encodeForward(pass);
      }
    },
    dispose() {
      layers.forEach((layer) => layer.op.dispose());
      releaseTensors();
    },
  };
}
