// Times one kernel: warm-up, a repetition count sized to the batch time, then the median batch; for a matmul, on one contender.
import type { Contender, TimedMatmul } from './contender';
import { maxRelativeError, type MatmulInputs } from './matrices';
import { flopsOf, type Measurement, type TimingSettings } from './protocol';

/** Keeps one command buffer (and tfjs's or jax's pending work) to a sane size on fast GPUs. */
const MAX_REPS = 20_000;
/** Growth per calibration step is capped, so a run dominated by fixed latency does not overshoot. */
const MAX_GROWTH = 16;

async function secondsOf(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** What the timing loop needs of a kernel set up to run. */
export type TimedRuns = Pick<TimedMatmul, 'warmUp' | 'run'>;

/** Grows the repetition count until one run lasts at least `batchSeconds` (or hits MAX_REPS). */
async function calibrateReps(op: TimedRuns, batchSeconds: number): Promise<number> {
  let reps = 1;
  let seconds = await secondsOf(() => op.run(reps));
  while (seconds < batchSeconds && reps < MAX_REPS) {
    const growth = Math.min(MAX_GROWTH, (1.2 * batchSeconds) / Math.max(seconds, 1e-6));
    reps = Math.min(MAX_REPS, Math.ceil(reps * growth));
    seconds = await secondsOf(() => op.run(reps));
  }
  return reps;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seconds per matmul in each of `batches` timed runs of `reps` matmuls. */
async function timeBatches(op: TimedRuns, reps: number, batches: number): Promise<number[]> {
  const perCall: number[] = [];
  for (let batch = 0; batch < batches; batch++) perCall.push((await secondsOf(() => op.run(reps))) / reps);
  return perCall;
}

/** Seconds per run (the median batch), the repetitions per batch and every batch's milliseconds per run; warm it up first. */
export async function timeRuns(op: TimedRuns, settings: TimingSettings): Promise<Pick<Measurement, 'msPerCall' | 'repsPerBatch' | 'batchMsPerCall'> & { seconds: number }> {
  const reps = await calibrateReps(op, settings.batchSeconds);
  const perCall = await timeBatches(op, reps, settings.batches);
  const seconds = median(perCall);
  return { seconds, msPerCall: seconds * 1000, repsPerBatch: reps, batchMsPerCall: perCall.map((batchSeconds) => batchSeconds * 1000) };
}

export async function measure(contender: Contender, inputs: MatmulInputs, settings: TimingSettings): Promise<Measurement> {
  const warmupStart = performance.now();
  const op = await contender.prepare(inputs);
  try {
    await op.warmUp();
    const warmupMs = performance.now() - warmupStart;
    const { seconds, ...timing } = await timeRuns(op, settings);
    return {
      variant: op.variant,
      gflops: flopsOf(inputs.shape) / seconds / 1e9,
      ...timing,
      warmupMs,
      maxRelativeError: maxRelativeError(inputs, await op.output()),
    };
  } finally {
    op.dispose();
  }
}
