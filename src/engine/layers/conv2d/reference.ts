// Float64 reference of a Conv2D layer: Y = act(conv(X, W) + b) on channel-major images, each local derivative beside its rule.
import type { Activation } from '../../activations';
import { activationDerivative, activationForward } from '../../reference/activations';
import type { ReferenceOps } from '../kind';
import { imageWindow, type ImageWindow } from '../shapes';
import { convWindow, type Conv2dLayerSpec } from './spec';

/** What backward needs from the forward pass. */
export interface Conv2dTape {
  kind: 'conv2d';
  dims: ImageWindow; // output channels = filters
  x: Float64Array; // X: [batch, C, H, W]
  z: Float64Array; // Z = conv(X, W) + b: [batch, filters, outH, outW]
  weightOffset: number; // W: [C, k, k, filters]
  biasOffset: number; // b: [filters]
  activation: Activation;
}

/**
 * Calls visit(xIndex, wIndex, yIndex) for every product X[xIndex]·W[wIndex] that adds into Z[yIndex] over a batch, with
 * X [batch, C, H, W], W [C, k, k, filters] and Z [batch, filters, outH, outW]; taps in the padding have no product.
 */
export function forEachProduct(batch: number, { input, output, window }: ImageWindow, visit: (x: number, w: number, y: number) => void): void {
  const { height: H, width: W, channels: C } = input;
  const { height: outH, width: outW, channels: F } = output;
  const k = window.size;
  for (let b = 0; b < batch; b++)
    for (let f = 0; f < F; f++)
      for (let oy = 0; oy < outH; oy++)
        for (let ox = 0; ox < outW; ox++) {
          const y = ((b * F + f) * outH + oy) * outW + ox;
          for (let c = 0; c < C; c++)
            for (let ky = 0; ky < k; ky++) {
              const iy = oy * window.stride + ky - window.padBefore;
              if (iy < 0 || iy >= H) continue;
              for (let kx = 0; kx < k; kx++) {
                const ix = ox * window.stride + kx - window.padBefore;
                if (ix < 0 || ix >= W) continue;
                visit(((b * C + c) * H + iy) * W + ix, ((c * k + ky) * k + kx) * F + f, y);
              }
            }
        }
}

export const conv2dReference: ReferenceOps<Conv2dLayerSpec, Conv2dTape> = {
  forward(layer, { place, batch, x, params, offsets: [weightOffset, biasOffset] }) {
    const dims = imageWindow(place.input, place.output, convWindow(layer));
    const plane = dims.output.height * dims.output.width;
    // Z[b, f, oy, ox] = b[f] + Σ_{c, ky, kx} X[b, c, oy·s + ky − pad, ox·s + kx − pad] · W[c, ky, kx, f]
    const z = new Float64Array(batch * dims.output.channels * plane);
    for (let i = 0; i < z.length; i++) z[i] = params[biasOffset! + (Math.floor(i / plane) % dims.output.channels)]!;
    forEachProduct(batch, dims, (xi, wi, yi) => (z[yi]! += x[xi]! * params[weightOffset! + wi]!));
    // Y = act(Z)
    const y = z.map((value) => activationForward(layer.activation, value));
    return { y, tape: { kind: 'conv2d', dims, x, z, weightOffset: weightOffset!, biasOffset: biasOffset!, activation: layer.activation } };
  },

  backward({ dims, x, z, weightOffset, biasOffset, activation }, dY, { batch, params, grads }) {
    // Y = act(Z) ⇒ dZ = dY ⊙ act'(Z)
    const dZ = dY.map((value, i) => value * activationDerivative(activation, z[i]!));
    // Z += X[xi]·W[wi] ⇒ dW[wi] += X[xi]·dZ[yi], dX[xi] += W[wi]·dZ[yi]; Z += b[f] ⇒ db[f] = Σ dZ over samples and positions
    const dX = new Float64Array(x.length);
    const { input, output, window } = dims;
    grads.fill(0, weightOffset, weightOffset + input.channels * window.size ** 2 * output.channels);
    grads.fill(0, biasOffset, biasOffset + output.channels);
    forEachProduct(batch, dims, (xi, wi, yi) => {
      grads[weightOffset + wi]! += x[xi]! * dZ[yi]!;
      dX[xi]! += params[weightOffset + wi]! * dZ[yi]!;
    });
    const plane = output.height * output.width;
    dZ.forEach((value, i) => (grads[biasOffset + (Math.floor(i / plane) % output.channels)]! += value));
    return dX;
  },
};
