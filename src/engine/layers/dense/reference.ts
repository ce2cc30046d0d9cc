// Float64 reference of a Dense layer: Y = act(X·W + b), each local derivative beside its forward rule.
import type { Activation } from '../../activations';
import { activationDerivative, activationForward } from '../../reference/activations';
import { columnSum } from '../../reference/column-sum';
import { matmul } from '../../reference/matmul';
import type { ReferenceOps } from '../kind';
import { shapeSize } from '../shapes';
import type { DenseLayerSpec } from './spec';

/** What backward needs from the forward pass. */
export interface DenseTape {
  kind: 'dense';
  x: Float64Array; // X: [batch, inputs], the input flattened
  z: Float64Array; // Z = X·W + b: [batch, outputs]
  inputs: number;
  outputs: number;
  weightOffset: number;
  biasOffset: number;
  activation: Activation;
}

const weightsOf = (params: ArrayLike<number>, offset: number, count: number): number[] => Array.prototype.slice.call(params, offset, offset + count) as number[];

export const denseReference: ReferenceOps<DenseLayerSpec, DenseTape> = {
  forward(layer, { place, batch, x, params, offsets: [weightOffset, biasOffset] }) {
    const [inputs, outputs] = [shapeSize(place.input), layer.units];
    // Z = X·W + b: [batch, outputs]
    const z = matmul('nn', x, weightsOf(params, weightOffset!, inputs * outputs), { m: batch, k: inputs, n: outputs });
    for (let i = 0; i < z.length; i++) z[i]! += params[biasOffset! + (i % outputs)]!;
    // Y = act(Z)
    const y = z.map((value) => activationForward(layer.activation, value));
    return { y, tape: { kind: 'dense', x, z, inputs, outputs, weightOffset: weightOffset!, biasOffset: biasOffset!, activation: layer.activation } };
  },

  backward({ x, z, inputs, outputs, weightOffset, biasOffset, activation }, dY, { batch, params, grads }) {
    // Y = act(Z) ⇒ dZ = dY ⊙ act'(Z)
    const dZ = dY.map((value, i) => value * activationDerivative(activation, z[i]!));
    // Z = X·W + b ⇒ dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ
    grads.set(matmul('tn', x, dZ, { m: inputs, k: batch, n: outputs }), weightOffset);
    grads.set(columnSum(dZ, batch, outputs), biasOffset);
    return matmul('nt', dZ, weightsOf(params, weightOffset, inputs * outputs), { m: batch, k: outputs, n: inputs });
  },
};
