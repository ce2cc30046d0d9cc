// A MaxPool layer on the GPU: forward keeping each output's winning input; backward to the winners, act′ of the layer before fused.
import type { ConvGeometry } from '../../gpu/kernels/conv2d';
import { createMaxPoolBackward, createMaxPoolForward } from '../../gpu/kernels/pool';
import { inputGradient } from '../gradients';
import type { GpuBuild, GpuForward, GpuForwardInput } from '../kind';
import { imageWindow, shapeSize } from '../shapes';
import { poolWindow, type MaxPoolLayerSpec } from './spec';

export function maxPoolGpuForward(build: GpuBuild, layer: MaxPoolLayerSpec, { place, x }: GpuForwardInput): GpuForward {
  const { ctx, cache, batch } = build;
  const { index } = place;
  const geometry: ConvGeometry = { batch, ...imageWindow(place.input, place.output, poolWindow(layer)) };
  const y = build.tensor(`maxpool ${index} Y`, batch * shapeSize(place.output));
  const winners = build.tensor(`maxpool ${index} winners`, batch * shapeSize(place.output)); // u32
  const op = createMaxPoolForward(ctx, cache, { geometry, x, y, winners });
  return {
    y,
    layer: op.then((forward) => ({
      ...forward,
      // Y[o] = X[winner(o)] ⇒ dX[i] = Σ dY[o] over the outputs i won, through the activation of the layer before when it leaves its buffer here.
      backward(backwardBuild, { dY, before }) {
        if (!before) return { ops: [] };
        const { dX, through } = inputGradient(backwardBuild, index, before, batch * shapeSize(place.input));
        const backward = createMaxPoolBackward(ctx, cache, { geometry, dY, winners, dX, throughActivation: through });
        return { ops: [backward], dX: { dY: dX, throughActivation: through !== undefined } };
      },
    })),
  };
}
