// Times kernels with timestamp queries: dispatches recorded as a pass would take them, then replayed one pass each, timed.
import type { GpuContext } from './device';

/** Who a dispatch belongs to: a layer (index in [...hidden, output]) or the step itself, and the phase of the step. */
export interface DispatchOwner {
  layer?: number;
  phase: 'data' | 'forward' | 'loss' | 'backward' | 'update';
}

export interface RecordedDispatch extends DispatchOwner {
  /** The kernel family: the pipeline's entry point, e.g. "matmul_vec4", "adam_step". */
  family: string;
  pipeline: GPUComputePipeline;
  bindGroups: { index: number; group: GPUBindGroup; offsets?: readonly number[] }[];
  workgroups: [number, number, number];
}

/** The entry point in a pipeline label made by the PipelineCache ("shaders/matmul.wgsl#matmul_vec4(…)" → "matmul_vec4"). */
export function familyOf(pipeline: GPUComputePipeline): string {
  const match = /#([^(]+)/.exec(pipeline.label);
  return match ? match[1]! : pipeline.label || 'kernel';
}

/**
 * Stands in for a compute pass while ops encode into it, keeping each dispatch with the pipeline and bind groups it
 * ran with and the owner set at the time. Only what the engine's ops call is taken.
 */
export class DispatchRecorder {
  readonly dispatches: RecordedDispatch[] = [];
  private pipeline?: GPUComputePipeline;
  private groups = new Map<number, { group: GPUBindGroup; offsets?: readonly number[] }>();
  private owner: DispatchOwner = { phase: 'data' };

  /** The dispatches `encode` records belong to `owner`. */
  section(owner: DispatchOwner, encode: (pass: GPUComputePassEncoder) => void): void {
    this.owner = owner;
    encode(this as unknown as GPUComputePassEncoder);
  }

  setPipeline(pipeline: GPUComputePipeline): void {
    this.pipeline = pipeline;
  }

  setBindGroup(index: number, group: GPUBindGroup | null, offsets?: Iterable<number>): void {
    if (group) this.groups.set(index, { group, ...(offsets ? { offsets: [...offsets] } : {}) });
    else this.groups.delete(index);
  }

  dispatchWorkgroups(x: number, y = 1, z = 1): void {
    if (!this.pipeline) throw new Error('a dispatch was recorded before any pipeline was set');
    const bindGroups = [...this.groups].map(([index, bound]) => ({ index, ...bound }));
    this.dispatches.push({ ...this.owner, family: familyOf(this.pipeline), pipeline: this.pipeline, bindGroups, workgroups: [x, y, z] });
  }
}

/** A dispatch's measured GPU time. */
export interface DispatchTime extends DispatchOwner {
  family: string;
  ms: number;
}

/** Whether the device was created with timestamp queries. */
export const canTimeDispatches = (ctx: GpuContext): boolean => ctx.device.features.has('timestamp-query');

/** What the timestamps came to: each dispatch timed alone, and the passes timed whole. */
export interface TimedResult {
  times: DispatchTime[];
  wholePassMs: number[];
}

/**
 * Each dispatch recorded into a pass of its own that writes timestamps at its start and end, and `wholePasses` more
 * timestamp pairs for passes the caller times whole. `encode`, then the caller's passes, then `resolve`, in one encoder;
 * `read` after the submit (the caller does not wait on it inside its loop). Needs `canTimeDispatches(ctx)`.
 */
export class TimedDispatches {
  private readonly querySet: GPUQuerySet;
  private readonly resolved: GPUBuffer;
  private readonly staging: GPUBuffer;
  private readonly count: number;

  constructor(
    private readonly ctx: GpuContext,
    private readonly dispatches: readonly RecordedDispatch[],
    private readonly wholePasses = 0,
  ) {
    this.count = 2 * (dispatches.length + wholePasses);
    this.querySet = ctx.device.createQuerySet({ label: 'dispatch timestamps', type: 'timestamp', count: this.count });
    this.resolved = ctx.buffers.create({ label: 'resolved timestamps', size: this.count * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.staging = ctx.buffers.create({ label: 'timestamp staging', size: this.count * 8, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  }

  encode(encoder: GPUCommandEncoder): void {
    const { querySet } = this;
    this.dispatches.forEach((dispatch, i) => {
      const pass = encoder.beginComputePass({ label: `timed ${dispatch.family}`, timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 } });
      pass.setPipeline(dispatch.pipeline);
      for (const { index, group, offsets } of dispatch.bindGroups) pass.setBindGroup(index, group, offsets ?? []);
      pass.dispatchWorkgroups(...dispatch.workgroups);
      pass.end();
    });
  }

  /** The timestamps of whole pass `index` (0 ≤ index < wholePasses), for its descriptor. */
  wholePass(index: number): GPUComputePassTimestampWrites {
    const first = 2 * (this.dispatches.length + index);
    return { querySet: this.querySet, beginningOfPassWriteIndex: first, endOfPassWriteIndex: first + 1 };
  }

  resolve(encoder: GPUCommandEncoder): void {
    encoder.resolveQuerySet(this.querySet, 0, this.count, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, this.staging, 0, this.count * 8);
  }

  /** Reads the timestamps once the GPU gets there, then frees what they took. */
  async read(): Promise<TimedResult> {
    try {
      await this.staging.mapAsync(GPUMapMode.READ);
      const stamps = new BigInt64Array(this.staging.getMappedRange().slice(0));
      // Timestamps are nanoseconds; a pair the implementation could not order reads as zero.
      const span = (pair: number) => Math.max(0, Number(stamps[2 * pair + 1]! - stamps[2 * pair]!)) / 1e6;
      const times = this.dispatches.map(({ family, layer, phase }, i) => ({ family, phase, ...(layer === undefined ? {} : { layer }), ms: span(i) }));
      const wholePassMs = Array.from({ length: this.wholePasses }, (_, i) => span(this.dispatches.length + i));
      return { times, wholePassMs };
    } finally {
      this.querySet.destroy();
      this.ctx.buffers.destroy(this.resolved);
      this.ctx.buffers.destroy(this.staging);
    }
  }
}
