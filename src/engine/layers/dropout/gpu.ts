// A Dropout layer on the GPU: the counter-based mask kernel forward and backward in training, nothing in evaluation.
import { createDropout } from '../../gpu/kernels/dropout';
import { PASS_THROUGH } from '../gradients';
import type { GpuBuild, GpuForward, GpuForwardInput } from '../kind';
import { shapeSize } from '../shapes';
import type { DropoutLayerSpec } from './spec';

export function dropoutGpuForward(build: GpuBuild, layer: DropoutLayerSpec, { place, x, dX, random }: GpuForwardInput): GpuForward {
  // Evaluation: Y = X, and so dX = dY.
  if (!random) return { y: x, layer: Promise.resolve(PASS_THROUGH) };
  const { index } = place;
  const length = build.batch * shapeSize(place.input);
  const y = build.tensor(`dropout ${index} Y`, length);
  const dY = build.tensor(`dropout ${index} dY`, length);
  // After another dropout, dX is the buffer that one reads its dY from.
  const dInput = dX ?? build.tensor(`dropout ${index} dX`, length);
  const op = createDropout(build.ctx, build.cache, { length, rate: layer.rate, seed: random.seed, stepCounter: random.stepCounter, x: x.buffer, y: y.buffer, dY: dY.buffer, dX: dInput.buffer });
  return {
    y,
    dY,
    layer: op.then((dropout) => ({
      encode: dropout.encodeForward,
      dispose: dropout.dispose,
      // Y = D(X) with the step's mask ⇒ dX = D(dY) with the same mask; the layer after wrote dY into this layer's buffer.
      backward: (_, { before }) => (before ? { ops: [Promise.resolve({ encode: dropout.encodeBackward, dispose: () => {} })], dX: { dY: dInput, throughActivation: false } } : { ops: [] }),
    })),
  };
}
