// Helpers for kernel tests: seeded inputs, NaN-poisoned outputs with a canary, readback, error bounds.
import type { GpuContext } from '../../src/engine/gpu/device';
import { readBuffer } from '../../src/engine/gpu/readback';
import type { Rng } from '../../src/engine/random';

/** A quiet-NaN bit pattern no kernel writes by accident. */
export const POISON_BITS = 0x7fc0dead;
/** Words after the logical end of an output that must stay poisoned. */
export const CANARY_WORDS = 4;

const STORAGE_IO = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

export function randomArray(rng: Rng, length: number, low = -1, high = 1): Float32Array {
  return Float32Array.from({ length }, () => low + (high - low) * rng.next());
}

/** A storage buffer holding `data` (float32 or u32). */
export function inputBuffer(ctx: GpuContext, label: string, data: Float32Array | Uint32Array): GPUBuffer {
  return ctx.buffers.createWithData(label, data, STORAGE_IO);
}

/** A storage buffer of `length` words plus a canary, every word set to POISON_BITS. */
export function poisonedBuffer(ctx: GpuContext, label: string, length: number): GPUBuffer {
  return ctx.buffers.createWithData(label, new Uint32Array(length + CANARY_WORDS).fill(POISON_BITS), STORAGE_IO);
}

export interface Readout {
  values: Float32Array;
  /** Raw bits of the same words, for NaN and integer checks. */
  bits: Uint32Array;
  /** True when every word after the logical end still holds POISON_BITS. */
  canaryIntact: boolean;
}

/** Reads `length` words of a poisoned buffer and checks its canary. */
export async function readPoisoned(ctx: GpuContext, buffer: GPUBuffer, length: number): Promise<Readout> {
  const all = await readBuffer(ctx, buffer);
  const bits = new Uint32Array(all);
  return {
    values: new Float32Array(all, 0, length),
    bits: bits.subarray(0, length),
    canaryIntact: bits.subarray(length, length + CANARY_WORDS).every((word) => word === POISON_BITS),
  };
}

/** Records and submits one command buffer built by `record`. */
export function submit(ctx: GpuContext, record: (encoder: GPUCommandEncoder) => void): void {
  const encoder = ctx.device.createCommandEncoder({ label: 'test' });
  record(encoder);
  ctx.device.queue.submit([encoder.finish()]);
}

export interface Mismatch {
  index: number;
  actual: number;
  expected: number;
  allowed: number;
}

/**
 * The first elements where |actual − expected| > bound(i) (NaN counts as a mismatch).
 * Returns at most `limit` of them, for readable failure messages.
 */
export function mismatches(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  bound: (index: number) => number,
  limit = 5,
): Mismatch[] {
  const found: Mismatch[] = [];
  for (let i = 0; i < expected.length && found.length < limit; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const allowed = bound(i);
    if (!(Math.abs(a - e) <= allowed)) found.push({ index: i, actual: a, expected: e, allowed });
  }
  return found;
}

/** Bound for rtol/atol comparisons. */
export function relativeBound(expected: ArrayLike<number>, rtol: number, atol: number): (index: number) => number {
  return (i) => atol + rtol * Math.abs(expected[i]!);
}

/** A buffer's whole contents as float32 values. */
export const readFloats = async (ctx: GpuContext, buffer: GPUBuffer): Promise<Float32Array> => new Float32Array(await readBuffer(ctx, buffer));

/** Releases test buffers. */
export function release(ctx: GpuContext, ...buffers: GPUBuffer[]): void {
  for (const buffer of buffers) ctx.buffers.destroy(buffer);
}
