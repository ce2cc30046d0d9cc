// Float64 reference of a MaxPool layer on channel-major images: Y = the largest X in each window, and its derivative.
import type { ReferenceOps } from '../kind';
import { imageWindow } from '../shapes';
import { poolWindow, type MaxPoolLayerSpec } from './spec';

export interface MaxPoolTape {
  kind: 'maxpool';
  /** Per output: the index in X of the input that won it. */
  winners: Uint32Array;
  inputLength: number;
}

export const maxPoolReference: ReferenceOps<MaxPoolLayerSpec, MaxPoolTape> = {
  forward(layer, { place, batch, x }) {
    const { input, output, window } = imageWindow(place.input, place.output, poolWindow(layer));
    const planes = batch * input.channels;
    const y = new Float64Array(planes * output.height * output.width);
    const winners = new Uint32Array(y.length);
    // Y[o] = max over the window of X; the first largest in row-major order wins a tie (as the GPU kernel does).
    for (let plane = 0, o = 0; plane < planes; plane++)
      for (let oy = 0; oy < output.height; oy++)
        for (let ox = 0; ox < output.width; ox++, o++) {
          let winner = (plane * input.height + oy * window.stride) * input.width + ox * window.stride;
          for (let dy = 0; dy < window.size; dy++)
            for (let dx = 0; dx < window.size; dx++) {
              const at = (plane * input.height + oy * window.stride + dy) * input.width + ox * window.stride + dx;
              if (x[at]! > x[winner]!) winner = at;
            }
          [y[o], winners[o]] = [x[winner]!, winner];
        }
    return { y, tape: { kind: 'maxpool', winners, inputLength: x.length } };
  },

  // Y[o] = X[winner(o)] ⇒ dX[i] = Σ dY[o] over the outputs i won; 0 for an input no window chose.
  backward({ winners, inputLength }, dY) {
    const dX = new Float64Array(inputLength);
    winners.forEach((winner, o) => (dX[winner]! += dY[o]!));
    return dX;
  },
};
