// Turns a sync-cadence sweep into its printed table and each peer's fastest cadence per workload, beside the one it runs at now.
import { formatCadence, PEER_CADENCES, type PeerName, type SyncCadence } from '../bench/cadence';
import type { TrainingOutcome } from '../bench/training-protocol';
import type { WorkloadName } from '../bench/workloads';

/** One cadence's run of one peer on one workload, in one round of the sweep. */
export interface SweepRow {
  workload: WorkloadName;
  peer: PeerName;
  cadence: SyncCadence;
  outcome: TrainingOutcome;
}

const steadyRate = ({ outcome }: SweepRow) => ('error' in outcome ? undefined : outcome.steadySamplesPerSec);

const sameCadence = (a: SyncCadence, b: SyncCadence) => formatCadence(a) === formatCadence(b);

/** The runs of one peer on one workload at one cadence (one a round), in the order they ran. */
function groups(rows: readonly SweepRow[]): SweepRow[][] {
  const byKey = new Map<string, SweepRow[]>();
  for (const row of rows) {
    const key = `${row.workload} ${row.peer} ${formatCadence(row.cadence)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey.values()];
}

/** The most steady samples/s of a group's runs, failed runs left out. */
const bestRate = (runs: readonly SweepRow[]): number | undefined => {
  const rates = runs.flatMap((run) => steadyRate(run) ?? []);
  return rates.length > 0 ? Math.max(...rates) : undefined;
};

/** One line per peer, workload and cadence: its best steady samples/s and each round's (or why it failed), padded to line up. */
export function formatSweepTable(rows: readonly SweepRow[]): string {
  const cells = [
    ['workload', 'peer', 'waits for the GPU', 'steps', 'best steady samples/s', 'each round'],
    ...groups(rows).map((runs) => {
      const { workload, peer, cadence, outcome } = runs[0]!;
      const rounds = runs.map(({ outcome: run }) => ('error' in run ? `FAILED: ${run.error}` : run.steadySamplesPerSec.toFixed(0)));
      return [workload, peer, formatCadence(cadence), 'error' in outcome ? '-' : String(outcome.steps), bestRate(runs)?.toFixed(0) ?? '-', rounds.join(', ')];
    }),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  const leftAligned = (i: number) => i < 3 || i === 5;
  return cells.map((line) => line.map((cell, i) => (leftAligned(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** The run with the most steady samples/s for each peer and workload swept, over every cadence and round (failed runs left out). */
export function fastestCadences(rows: readonly SweepRow[]): SweepRow[] {
  const best = new Map<string, SweepRow>();
  for (const row of rows) {
    const key = `${row.workload} ${row.peer}`;
    const rate = steadyRate(row);
    const held = best.get(key);
    if (rate !== undefined && (!held || rate > steadyRate(held)!)) best.set(key, row);
  }
  return [...best.values()];
}

/** `jax-webgpu on W1: fastest every 50 steps, awaited at once (1650 steady samples/s); PEER_CADENCES has it` or says what to set. */
export function formatChoices(rows: readonly SweepRow[]): string[] {
  return fastestCadences(rows).map((row) => {
    const current = PEER_CADENCES[row.peer][row.workload];
    const heldRate = bestRate(rows.filter((other) => other.peer === row.peer && other.workload === row.workload && sameCadence(other.cadence, current)));
    const verdict = sameCadence(row.cadence, current)
      ? 'PEER_CADENCES has it'
      : `PEER_CADENCES has ${formatCadence(current)}${heldRate ? ` (${heldRate.toFixed(0)})` : ''}: this sweep favours this one`;
    return `${row.peer} on ${row.workload}: fastest ${formatCadence(row.cadence)} (${steadyRate(row)!.toFixed(0)} steady samples/s); ${verdict}`;
  });
}
