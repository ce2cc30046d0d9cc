// Backward steps several kinds share on the GPU: dY through the layer's own activation, where dX goes, a layer that passes through.
import type { Activation } from '../activations';
import { createActivationBackward } from '../gpu/kernels/activation';
import type { GpuBuild, GpuGradient, GpuLayer, GpuOp } from './kind';

/** A layer's output as the layer after may fuse through: Y = act(Z). */
interface OwnActivation {
  index: number;
  activation: Activation;
  z: GPUBufferBinding; // Z: [batch, ...output]
  /** Floats of Z for the whole batch. */
  floats: number;
}

/**
 * dZ = dY ⊙ act′(Z), with the op that writes it when one is needed: not when the layer after fused act′ already
 * (`throughActivation`), nor for a linear act′ of 1.
 */
export function preActivationGradient(build: GpuBuild, own: OwnActivation, { dY, throughActivation }: Pick<GpuGradient, 'dY' | 'throughActivation'>): { dZ: GPUBufferBinding; ops: Promise<GpuOp>[] } {
  if (throughActivation || own.activation === 'linear') return { dZ: dY, ops: [] };
  const dZ = build.tensor(`layer ${own.index} dZ`, own.floats);
  const op = createActivationBackward(build.ctx, build.cache, { activation: own.activation, count: own.floats, z: own.z.buffer, dY: dY.buffer, dZ: dZ.buffer });
  return { dZ, ops: [op] };
}

/**
 * Where a layer writes the gradient of its input (`floats` for the batch): the buffer the layer before fixed, or a new one;
 * `through` is the activation of the layer before to fuse into it, when that layer leaves its buffer to this one.
 */
export function inputGradient(build: GpuBuild, index: number, before: NonNullable<GpuGradient['before']>, floats: number): { dX: GPUBufferBinding; through?: NonNullable<GpuLayer['activation']> } {
  const through = before.dY === undefined ? before.activation : undefined;
  const label = index === 0 ? 'input dX' : `layer ${index - 1} ${through ? 'dZ' : 'dY'}`;
  return { dX: before.dY ?? build.tensor(label, floats), through };
}

/** A layer whose output is its input (a view, or Dropout in evaluation): no ops, and dX = dY. */
export const PASS_THROUGH: GpuLayer = { encode: () => {}, dispose: () => {}, backward: (_, { dY, throughActivation }) => ({ ops: [], dX: { dY, throughActivation } }) };
