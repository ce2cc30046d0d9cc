// Checks before and around building a model: batch size, device limits, and GPU error scopes for allocation.
import { shapeSize } from '../layers/shapes';
import { networkLayers } from '../model/network';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { EVALUATION_CHUNK_ROWS } from './evaluator';

/** The model, its optimizer state or its activations do not fit on this GPU. */
export class ModelDoesNotFitError extends Error {
  constructor(detail: string) {
    super(`This model does not fit on this GPU (${detail}). Try fewer units, fewer layers or a smaller batch size; the previous model is unchanged.`);
    this.name = 'ModelDoesNotFitError';
  }
}

/** Out-of-memory and validation error scopes around an allocation; `close` pops both once and returns the error. */
export function allocationScopes(device: GPUDevice): { close(): Promise<GPUError | null> } {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let closed: Promise<GPUError | null> | undefined;
  const popBoth = async () => {
    const validation = await device.popErrorScope();
    const outOfMemory = await device.popErrorScope();
    return outOfMemory ?? validation;
  };
  return { close: () => (closed ??= popBoth()) };
}

/** Refuses, before allocating anything, a model whose parameter or activation buffers exceed the device's limits. */
export function checkFits(limits: GPUSupportedLimits, spec: ModelSpec, batchSize: number): void {
  const largestWidth = Math.max(...networkLayers(spec).flatMap(({ place }) => [shapeSize(place.input), shapeSize(place.output)]));
  const parameterBytes = parameterLayout(spec).totalFloats * 4;
  const activationBytes = Math.max(batchSize, EVALUATION_CHUNK_ROWS) * largestWidth * 4;
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (parameterBytes > limit) throw new ModelDoesNotFitError(`its parameters need ${parameterBytes} bytes in one buffer, the GPU allows ${limit}`);
  if (activationBytes > limit) throw new ModelDoesNotFitError(`one layer's activations need ${activationBytes} bytes, the GPU allows ${limit}`);
}

export function checkBatchSize(batchSize: number, trainImages: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > trainImages) {
    throw new RangeError(`batch size must be a whole number from 1 to the ${trainImages} training images, got ${batchSize}`);
  }
}
