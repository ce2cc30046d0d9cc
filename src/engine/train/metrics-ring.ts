// A small ring of staging buffers: metrics are copied out after each submit and read when ready, never waited on per step.
import type { GpuContext } from '../gpu/device';
import { LOSS_ACCUMULATOR_BYTES, decodeLossAccumulators, type LossAccumulators } from '../gpu/kernels/softmax-ce';

export interface SubmitMetrics extends LossAccumulators {
  /** Global step index of the first step in the submit. */
  firstStep: number;
  steps: number;
  samples: number;
  /** Epochs completed after the submit's last step (fractional), taken when it was submitted. */
  epochsDone: number;
}

interface Slot {
  staging: GPUBuffer;
  /** The read in flight for this slot, if any. */
  pending?: Promise<void>;
}

export class MetricsRing {
  private readonly slots: Slot[];
  private next = 0;

  constructor(
    private readonly ctx: GpuContext,
    private readonly accumulators: GPUBuffer,
    private readonly onMetrics: (metrics: SubmitMetrics) => void,
    size = 4,
  ) {
    this.slots = Array.from({ length: size }, (_, i) => ({
      staging: ctx.buffers.create({ label: `metrics staging ${i}`, size: LOSS_ACCUMULATOR_BYTES, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }),
    }));
  }

  /**
   * Waits only if the next slot's previous read has not finished (the GPU is ≥ `size` submits behind),
   * then returns the slot to record into.
   */
  async acquire(): Promise<number> {
    const index = this.next;
    this.next = (this.next + 1) % this.slots.length;
    await this.slots[index]!.pending;
    return index;
  }

  /** Records: copy the accumulators into the slot's staging buffer, then zero them for the next submit. */
  encodeCopy(encoder: GPUCommandEncoder, slot: number): void {
    encoder.copyBufferToBuffer(this.accumulators, 0, this.slots[slot]!.staging, 0, LOSS_ACCUMULATOR_BYTES);
    encoder.clearBuffer(this.accumulators);
  }

  /** After the submit: map the slot when the GPU gets there and report its metrics. */
  startRead(slot: number, info: Omit<SubmitMetrics, keyof LossAccumulators>): void {
    const target = this.slots[slot]!;
    target.pending = target.staging.mapAsync(GPUMapMode.READ).then(
      () => {
        const accumulators = decodeLossAccumulators(target.staging.getMappedRange().slice(0));
        target.staging.unmap();
        this.onMetrics({ ...info, ...accumulators });
      },
      () => undefined, // the device was lost or destroyed; the trainer reports that separately
    );
  }

  /** Resolves when every read started so far has been reported. */
  async drain(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.pending));
  }

  dispose(): void {
    this.slots.forEach((slot) => this.ctx.buffers.destroy(slot.staging));
  }
}
