// Float64 reference of a Dropout layer with the GPU's keep mask: Y = X ⊙ keep / (1 − rate), and its derivative.
import { applyDropout } from '../../reference/dropout';
import type { ReferenceOps } from '../kind';
import type { DropoutLayerSpec } from './spec';

export interface DropoutTape {
  kind: 'dropout';
  keep: Uint8Array;
  rate: number;
}

export const dropoutReference: ReferenceOps<DropoutLayerSpec, DropoutTape> = {
  /** Without a keep mask (evaluation) the values pass through. */
  forward(layer, { x, keep }) {
    if (!keep) return { y: x };
    // Y = X ⊙ keep / (1 − rate)
    return { y: applyDropout(x, keep, layer.rate), tape: { kind: 'dropout', keep, rate: layer.rate } };
  },

  // Y = X ⊙ keep / (1 − rate) ⇒ dX = dY ⊙ keep / (1 − rate)
  backward: ({ keep, rate }, dY) => applyDropout(dY, keep, rate),
};
