// Requests to time one training step's kernels: the next submit records its first step one timed pass per dispatch.
import type { GpuContext } from '../gpu/device';
import { canTimeDispatches, DispatchRecorder, encodeTimedDispatches, type DispatchTime } from '../gpu/timed-dispatches';
import type { TrainingGraph } from './training-graph';

/** The GPU time of each dispatch of the step `step`, taken at batch size `batch`. */
export interface KernelTimes {
  times: DispatchTime[];
  step: number;
  batch: number;
}

interface Waiting {
  promise: Promise<KernelTimes>;
  resolve(times: KernelTimes): void;
  reject(error: Error): void;
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
   * When a request waits: records step `slot` of `graph` into `encoder`, each dispatch in a timed pass of its own, and
   * returns what to call once the encoder is submitted, which answers the request when the GPU has run it. Returns
   * undefined when no request waits; otherwise the caller leaves that step out of its pass.
   */
  encodeIfAsked(
    ctx: GpuContext,
    encoder: GPUCommandEncoder,
    graph: TrainingGraph,
    slot: number,
    health: { last: boolean } | undefined,
    at: { step: number; batch: number },
  ): (() => void) | undefined {
    const waiting = this.waiting;
    if (!waiting) return undefined;
    this.waiting = undefined;
    const recorder = new DispatchRecorder();
    graph.recordStep(recorder, slot, health);
    const read = encodeTimedDispatches(ctx, encoder, recorder.dispatches);
    return () => void read().then((times) => waiting.resolve({ times, ...at }), (error: unknown) => waiting.reject(error instanceof Error ? error : new Error(String(error))));
  }

  /** Refuses a waiting request, e.g. when training stops before another step is submitted. */
  cancel(reason: string): void {
    this.waiting?.reject(new Error(reason));
    this.waiting = undefined;
  }
}
