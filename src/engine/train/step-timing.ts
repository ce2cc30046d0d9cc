// Requests to time one training step's kernels: the next submit replays its first step one timed pass per dispatch and
// times its other steps as a whole pass, so each kernel's share comes with the step's time as it normally runs.
import type { GpuContext } from '../gpu/device';
import { canTimeDispatches, DispatchRecorder, TimedDispatches, type DispatchTime } from '../gpu/timed-dispatches';
import type { TrainingGraph } from './training-graph';

/** The GPU time of each dispatch of the step `step`, taken at batch size `batch`. */
export interface KernelTimes {
  times: DispatchTime[];
  step: number;
  batch: number;
  /**
   * GPU time per step of the same submit's other steps, recorded in one pass as training records them; absent for a
   * submit of one step. Kernels timed one pass each add each pass's start-up, which CPU adapters make large.
   */
  stepMs?: number;
}

interface Waiting {
  promise: Promise<KernelTimes>;
  resolve(times: KernelTimes): void;
  reject(error: Error): void;
}

/** A submit being timed: its first step is encoded already; its pass of the other steps takes `passTimestamps`. */
export interface TimedSubmit {
  passTimestamps?: GPUComputePassTimestampWrites;
  /** After the pass of the other steps has ended. */
  resolve(encoder: GPUCommandEncoder): void;
  /** After the submit: answers the request once the GPU has run it. */
  read(): void;
}

export class StepTimingRequests {
  private waiting?: Waiting;

  /** The kernel times of the next step submitted; asks made before it share its answer. */
  request(ctx: GpuContext): Promise<KernelTimes> {
    if (!canTimeDispatches(ctx)) return Promise.reject(new Error('This GPU adapter does not offer timestamp queries, so kernel times cannot be measured here.'));
    if (!this.waiting) {
      let resolve!: Waiting['resolve'];
      let reject!: Waiting['reject'];
      const promise = new Promise<KernelTimes>((yes, no) => ([resolve, reject] = [yes, no]));
      this.waiting = { promise, resolve, reject };
    }
    return this.waiting.promise;
  }

  /**
   * When a request waits: records the submit's first step (slot 0) of `graph` into `encoder`, each dispatch in a timed
   * pass of its own; the caller records the other `steps - 1` in its pass with `passTimestamps`. Undefined when no
   * request waits; otherwise the caller leaves slot 0 out of its pass.
   */
  take(ctx: GpuContext, encoder: GPUCommandEncoder, graph: TrainingGraph, health: { last: boolean } | undefined, at: { step: number; batch: number; steps: number }): TimedSubmit | undefined {
    const waiting = this.waiting;
    if (!waiting) return undefined;
    this.waiting = undefined;
    const recorder = new DispatchRecorder();
    graph.recordStep(recorder, 0, health);
    const others = at.steps - 1;
    const timed = new TimedDispatches(ctx, recorder.dispatches, others > 0 ? 1 : 0);
    timed.encode(encoder);
    const answer = ({ times, wholePassMs: [passMs] }: Awaited<ReturnType<TimedDispatches['read']>>): KernelTimes => ({
      times,
      step: at.step,
      batch: at.batch,
      ...(passMs !== undefined ? { stepMs: passMs / others } : {}),
    });
    return {
      ...(others > 0 ? { passTimestamps: timed.wholePass(0) } : {}),
      resolve: (resolveEncoder) => timed.resolve(resolveEncoder),
      read: () => void timed.read().then((result) => waiting.resolve(answer(result)), (error: unknown) => waiting.reject(error instanceof Error ? error : new Error(String(error)))),
    };
  }

  /** Refuses a waiting request, e.g. when training stops before another step is submitted. */
  cancel(reason: string): void {
    this.waiting?.reject(new Error(reason));
    this.waiting = undefined;
  }
}
