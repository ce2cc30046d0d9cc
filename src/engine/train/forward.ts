// The forward pass on the GPU: each layer's forward op, built by its kind, chained from the input batch to the logits.
import type { GpuContext } from '../gpu/device';
import { awaitAll } from '../gpu/kernel';
import type { FastPathSwitch } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import type { GpuLayer, LayerPlace } from '../layers/kind';
import { networkLayers } from '../model/network';
import type { ParameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { createPassBuild, fastPathOfOps, layerBindings } from './pass-build';

/** A built layer with where it stands and what it writes. */
export interface ForwardLayer extends GpuLayer {
  place: LayerPlace;
  y: GPUBufferBinding; // Y: [batch, ...output]
  /** Where its backward reads dY, when it fixed that buffer itself. */
  dY?: GPUBufferBinding;
}

export interface ForwardOptions {
  spec: ModelSpec;
  layout: ParameterLayout;
  params: GPUBuffer; // flat parameters
  batch: number;
  input: GPUBufferBinding; // X₀: [batch, ...input shape]
  /** Training draws random masks (dropout) from seed + GPU step counter; evaluation draws none. */
  training?: { seed: number; stepCounter: GPUBuffer };
  /** Matmuls start on their quickly compiled path (see MatmulOptions.quickStart). */
  quickStart?: boolean;
}

export interface ForwardPass extends FastPathSwitch {
  layers: ForwardLayer[];
  logits: GPUBufferBinding; // [batch, classes]
  encode(pass: GPUComputePassEncoder): void;
  dispose(): void;
}

/** Each layer's own random stream: the training seed moved by its index. */
const layerSeed = (seed: number, index: number): number => (seed + index * 0x9e3779b9) >>> 0;

export async function createForwardPass(ctx: GpuContext, cache: PipelineCache, options: ForwardOptions): Promise<ForwardPass> {
  const { spec, layout, params, batch, training } = options;
  const { build, release } = createPassBuild(ctx, cache, batch, options.quickStart);
  // Pipelines compile concurrently: each layer is complete once its ops are.
  const pending: Promise<ForwardLayer>[] = [];
  let x = options.input;
  let dX: GPUBufferBinding | undefined;
  for (const { spec: layer, kind, place } of networkLayers(spec)) {
    const random = training && { seed: layerSeed(training.seed, place.index), stepCounter: training.stepCounter };
    const forward = kind.gpuForward(build, layer, { place, x, dX, parameters: layerBindings(params, layout, place.index), random });
    pending.push(forward.layer.then((made) => ({ ...made, place, y: forward.y, dY: forward.dY })));
    [x, dX] = [forward.y, forward.dY];
  }
  const layers = await awaitAll(pending).catch((error: unknown) => {
    release();
    throw error;
  });
  return {
    ...fastPathOfOps(layers),
    layers,
    logits: x,
    encode(pass) {
      for (const layer of layers) layer.encode(pass);
    },
    dispose() {
      layers.forEach((layer) => layer.dispose());
      release();
    },
  };
}
