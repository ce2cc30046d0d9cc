// How often a peer's training loop waits for the GPU: which steps' losses it reads, and how many reads it keeps in flight.
import type { WorkloadName } from './workloads';

/**
 * The loss of every `every`-th step is requested (which makes a lazy library submit the work it waits on) and awaited
 * `lag` requests later; the other losses are dropped unread. 'end': nothing is read until the run ends.
 */
export type SyncCadence = { every: number; lag: number } | 'end';

/** The peers whose cadence is swept and set. */
export const PEERS = ['tfjs-webgpu', 'jax-webgpu'] as const;
export type PeerName = (typeof PEERS)[number];

export const isPeer = (name: string): name is PeerName => (PEERS as readonly string[]).includes(name);

const EVERY_CADENCE: readonly SyncCadence[] = [
  { every: 1, lag: 0 },
  { every: 1, lag: 4 },
  { every: 4, lag: 1 },
  { every: 16, lag: 0 },
  { every: 16, lag: 1 },
  { every: 50, lag: 0 },
  { every: 50, lag: 1 },
  'end',
];

/**
 * What `npm run bench -- --sweep` measures: on W1 every cadence for a few hundred steps, twice, one round through them
 * after the other (the best round counts); on W2, where one step takes a peer seconds on SwiftShader and waiting costs
 * little beside it, once each, the cadences that differ over a dozen steps or fewer.
 */
export const SWEEP: Record<WorkloadName, { cadences: readonly SyncCadence[]; steps: Record<PeerName, number>; rounds: number }> = {
  W1: { cadences: EVERY_CADENCE, steps: { 'jax-webgpu': 200, 'tfjs-webgpu': 100 }, rounds: 2 },
  W2: { cadences: [{ every: 1, lag: 0 }, { every: 1, lag: 4 }, { every: 4, lag: 1 }, 'end'], steps: { 'jax-webgpu': 12, 'tfjs-webgpu': 4 }, rounds: 1 },
};

/**
 * The cadence the main benchmark runs each peer at, its fastest as the sweeps tell (`npm run bench -- --sweep`, SwiftShader
 * on two shared cores, steady samples/s, best round of each sweep).
 * - jax-js W1: every 4 steps, 1 in flight — fastest in all three sweeps (3200, 3419, 3390), against 2007, 3185, 3041 for
 *   the every-step wait with 4 in flight it ran at before, and 1219, 2027, 2081 for no wait until the end (its lazy graph
 *   grows all the while).
 * - tfjs W1: every 4 steps, 1 in flight — all cadences lie within the noise of each other (best of each sweep 675–766); this
 *   one has the highest median of the three (627, 764, 732), tied with every 50 steps awaited at once (577, 732, 754), which
 *   it beats on the mean; 'only at the end', which it ran at before: 373, 723, 758.
 * - W2 (one sweep of 12 steps for jax-js, 4 for tfjs): a step takes seconds and every cadence gives the same within noise
 *   (jax-js 112–121, tfjs 14–22); each at the fastest: jax-js every step, 4 in flight (121), tfjs only at the end (22).
 */
export const PEER_CADENCES: Record<PeerName, Record<WorkloadName, SyncCadence>> = {
  'tfjs-webgpu': { W1: { every: 4, lag: 1 }, W2: 'end' },
  'jax-webgpu': { W1: { every: 4, lag: 1 }, W2: { every: 1, lag: 4 } },
};

/** 'every 16 steps, 1 in flight', 'only at the end'. */
export function formatCadence(cadence: SyncCadence): string {
  if (cadence === 'end') return 'only at the end';
  const steps = cadence.every === 1 ? 'every step' : `every ${cadence.every} steps`;
  return `${steps}, ${cadence.lag === 0 ? 'awaited at once' : `${cadence.lag} in flight`}`;
}

/** One step's loss as the loop holds it: a read that resolves once the GPU has computed it, and its release. */
export interface LossHandle {
  read(): Promise<unknown>;
  dispose(): void;
}

/** Applies a cadence to a training loop: hand it every step's loss in order; `drain` awaits the reads still in flight. */
export class LossReads {
  private readonly inFlight: { loss: LossHandle; done: Promise<unknown> }[] = [];

  constructor(private readonly cadence: SyncCadence) {}

  /** Takes step `step`'s loss: reads it or drops it, then waits for the reads more than `lag` behind. */
  async afterStep(step: number, loss: LossHandle): Promise<void> {
    const { cadence } = this;
    if (cadence === 'end' || (step + 1) % cadence.every !== 0) {
      loss.dispose();
      return;
    }
    this.inFlight.push({ loss, done: loss.read() });
    while (this.inFlight.length > cadence.lag) await this.settleOldest();
  }

  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  dispose(): void {
    this.inFlight.splice(0).forEach(({ loss }) => loss.dispose());
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.inFlight.shift()!;
    try {
      await oldest.done;
    } finally {
      oldest.loss.dispose();
    }
  }
}
