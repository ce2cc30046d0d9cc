// A small ring of staging buffers: metrics are copied out after each submit and read when ready, never waited on per step.
import type { GpuContext } from '../gpu/device';
import { LOSS_ACCUMULATOR_BYTES, decodeLossAccumulators, type LossAccumulators } from '../gpu/kernels/softmax-ce';
import type { LayerHealth } from '../health/types';
import type { HealthProbe } from './health-probe';

export interface SubmitMetrics extends LossAccumulators {
  /** Global step index of the first step in the submit. */
  firstStep: number;
  steps: number;
  samples: number;
  /** Epochs completed after the submit's last step (fractional), taken when it was submitted. */
  epochsDone: number;
  /** Each layer's health over the submit's steps, when the submit recorded its statistics. */
  health?: LayerHealth[];
}

/** What the ring reports on its own: everything but the accumulators and the health figures it reads. */
export type SubmitInfo = Omit<SubmitMetrics, keyof LossAccumulators | 'health'>;

interface Slot {
  staging: GPUBuffer;
  /** The health statistics' staging buffer, made on the first submit that records them. */
  healthStaging?: GPUBuffer;
  /** The probe whose statistics the slot's last copy holds, if it holds any. */
  health?: HealthProbe;
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

  /**
   * Records: copy the accumulators (and the health statistics of `health`, when the submit recorded them) into the
   * slot's staging buffers, then zero them for the next submit.
   */
  encodeCopy(encoder: GPUCommandEncoder, slot: number, health?: HealthProbe): void {
    const target = this.slots[slot]!;
    encoder.copyBufferToBuffer(this.accumulators, 0, target.staging, 0, LOSS_ACCUMULATOR_BYTES);
    encoder.clearBuffer(this.accumulators);
    target.health = health;
    if (!health) return;
    // One model's probes all have the same size, whatever the batch: the buffer is made once.
    target.healthStaging ??= this.ctx.buffers.create({ label: `health staging ${slot}`, size: health.bytes, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    health.encodeCopy(encoder, target.healthStaging);
  }

  /** After the submit: map the slot when the GPU gets there and report its metrics. */
  startRead(slot: number, info: SubmitInfo): void {
    const target = this.slots[slot]!;
    const { health, healthStaging } = target;
    const reads = [target.staging, ...(health ? [healthStaging!] : [])].map((staging) => staging.mapAsync(GPUMapMode.READ));
    target.pending = Promise.all(reads).then(
      () => {
        const accumulators = decodeLossAccumulators(target.staging.getMappedRange().slice(0));
        target.staging.unmap();
        const figures = health && health.decode(healthStaging!.getMappedRange().slice(0), info.steps);
        if (health) healthStaging!.unmap();
        this.onMetrics({ ...info, ...accumulators, ...(figures ? { health: figures } : {}) });
      },
      () => undefined, // the device was lost or destroyed; the trainer reports that separately
    );
  }

  /** Resolves when every read started so far has been reported. */
  async drain(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.pending));
  }

  dispose(): void {
    this.slots.forEach((slot) => [slot.staging, slot.healthStaging].forEach((staging) => staging && this.ctx.buffers.destroy(staging)));
  }
}
