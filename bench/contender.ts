// The interface every matmul implementation under test provides to the timing loop, and helpers both benchmark pages share.
import type { MatmulInputs } from './matrices';

/** One matmul shape set up on one implementation, its inputs already on (or bound for) the GPU. */
export interface TimedMatmul {
  /** Which of its kernels the implementation picked for this shape, where it says (ours: 'vec4' or 'general'). */
  readonly variant?: string;
  /** Compiles shaders and uploads inputs by running once; reported as the warm-up time, not in GFLOP/s. */
  warmUp(): Promise<void>;
  /** Runs the matmul `reps` times and resolves only once the GPU has finished all of them. */
  run(reps: number): Promise<void>;
  /** Runs once more and reads C [m, n] back. */
  output(): Promise<Float32Array>;
  dispose(): void;
}

export interface Contender {
  /** Vendor and architecture of the adapter this implementation runs on. */
  readonly adapter: string;
  prepare(inputs: MatmulInputs): Promise<TimedMatmul>;
}

/** 'vendor/architecture' as the adapter reports them. */
export function describeAdapter(info: { vendor: string; architecture: string }): string {
  return `${info.vendor || 'unknown vendor'}/${info.architecture || 'unknown architecture'}`;
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
