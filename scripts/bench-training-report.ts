// Turns training-benchmark results into the printed tables, the speed and accuracy comparisons with the peers, the panels'
// costs and the saved bench/results.json.
import type { AdapterSummary } from '../src/engine/gpu/device';
import { isPeer } from '../bench/cadence';
import { PANEL_COSTS, type StepAccuracy, type TrainerName, type TrainingMeasurement, type TrainingOutcome } from '../bench/training-protocol';
import { WORKLOAD_NAMES } from '../bench/workloads';
import { formatNumber } from './bench-page';

/** What the issue asks of ours on each workload: this many times the faster peer's samples/s, at most this far below its accuracy. */
export const BARS = { speedRatio: 2, accuracyPoints: 0.3 } as const;

const percent = (accuracy: number) => `${(100 * accuracy).toFixed(2)}%`;
const lastAccuracy = (result: TrainingMeasurement): StepAccuracy | undefined => result.accuracies.at(-1);

const COLUMNS: { title: string; cell: (result: TrainingMeasurement) => string }[] = [
  { title: 'name', cell: (r) => r.name },
  { title: 'steps', cell: (r) => String(r.steps) },
  { title: 'samples/s', cell: (r) => r.samplesPerSec.toFixed(0) },
  { title: 'steady samples/s', cell: (r) => r.steadySamplesPerSec.toFixed(0) },
  { title: 'first step ms', cell: (r) => r.firstStepMs.toFixed(0) },
  { title: 'test accuracy', cell: (r) => r.accuracies.map(({ steps, accuracy }) => `${percent(accuracy)} @${steps}`).join(', ') || '-' },
  { title: 'dataset bytes on GPU', cell: (r) => r.gpuDatasetBytes.toLocaleString('en-US') },
  { title: 'waits for the GPU', cell: (r) => r.cadence ?? 'as the app does' },
];

/** One row per measured trainer, columns padded to line up (text left, figures right). */
export function formatTable(results: TrainingMeasurement[]): string {
  const rows = [COLUMNS.map((column) => column.title), ...results.map((result) => COLUMNS.map((column) => column.cell(result)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const leftAligned = (i: number) => i === 0 || i === COLUMNS.length - 1;
  return rows.map((row) => row.map((cell, i) => (leftAligned(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** `W1 ours: 1234 samples/s (first step 567 ms, test accuracy 95.31% after 468 steps) on …` or `W2 jax-webgpu FAILED: …`. */
export function formatOutcome(outcome: TrainingOutcome): string {
  if ('error' in outcome) return `${outcome.workload} ${outcome.name} FAILED: ${outcome.error}`;
  const { workload, name, samplesPerSec, steps, firstStepMs, adapter, cadence } = outcome;
  const tested = lastAccuracy(outcome);
  const accuracy = tested ? `, test accuracy ${percent(tested.accuracy)} after ${tested.steps} steps` : '';
  return `${workload} ${name}: ${samplesPerSec.toFixed(0)} samples/s over ${steps} steps (first step ${firstStepMs.toFixed(0)} ms${accuracy}) on ${adapter}${cadence ? `; waits ${cadence}` : ''}`;
}

/** The other libraries' rows. */
const peersOf = (results: TrainingMeasurement[]) => results.filter((result) => isPeer(result.name));

export interface SpeedComparison {
  ratio: number;
  peer: TrainerName;
  /** samples/s where ours and the peers ran as many steps; else steps 2..N only, so a short run's compile time weighs no more than a long one's. */
  measure: 'samples/s' | 'steady samples/s';
}

/** Ours over the faster peer, where ours and at least one peer were measured on the workload. */
export function speedComparison(results: TrainingMeasurement[]): SpeedComparison | undefined {
  const ours = results.find((result) => result.name === 'ours');
  const peers = peersOf(results);
  if (!ours || peers.length === 0) return undefined;
  const sameSteps = peers.every((peer) => peer.steps === ours.steps);
  const rate = (result: TrainingMeasurement) => (sameSteps ? result.samplesPerSec : result.steadySamplesPerSec);
  const fastest = peers.reduce((best, peer) => (rate(peer) > rate(best) ? peer : best));
  return { ratio: rate(ours) / rate(fastest), peer: fastest.name, measure: sameSteps ? 'samples/s' : 'steady samples/s' };
}

export function formatRatio(results: TrainingMeasurement[]): string {
  const speed = speedComparison(results);
  if (!speed) return 'ratio ours / faster peer: - (not enough trainers measured)';
  const verdict = speed.ratio >= BARS.speedRatio ? 'meets' : 'BELOW';
  return `ratio ours / faster peer (${speed.peer}) in ${speed.measure}: ${formatNumber(speed.ratio)} (${verdict} the bar of ${BARS.speedRatio}×)`;
}

/** Ours beside one peer, both tested after the peer's last tested step count. */
export interface AccuracyComparison {
  peer: TrainerName;
  steps: number;
  ours: number;
  peerAccuracy: number;
}

export function accuracyComparisons(results: TrainingMeasurement[]): AccuracyComparison[] {
  const ours = results.find((result) => result.name === 'ours');
  if (!ours) return [];
  return peersOf(results).flatMap((peer) => {
    const tested = lastAccuracy(peer);
    const beside = tested && ours.accuracies.find(({ steps }) => steps === tested.steps);
    return tested && beside ? [{ peer: peer.name, steps: tested.steps, ours: beside.accuracy, peerAccuracy: tested.accuracy }] : [];
  });
}

/** `test accuracy after 16 steps: ours 90.10%, jax-webgpu 90.02%: +0.08 points (meets the bar of −0.3)`, one line per peer. */
export function formatAccuracy(results: TrainingMeasurement[]): string {
  const compared = accuracyComparisons(results);
  if (compared.length === 0) return 'test accuracy ours vs peers: - (no step count where ours and a peer were both tested)';
  return compared
    .map(({ peer, steps, ours, peerAccuracy }) => {
      const points = 100 * (ours - peerAccuracy);
      const verdict = points >= -BARS.accuracyPoints ? 'meets' : 'BELOW';
      return `test accuracy after ${steps} steps: ours ${percent(ours)}, ${peer} ${percent(peerAccuracy)}: ${points >= 0 ? '+' : ''}${points.toFixed(2)} points (${verdict} the bar of −${BARS.accuracyPoints})`;
    })
    .join('\n');
}

/** One panel's cost: its row's samples/s over its base row's, where both were measured. */
export interface PanelCost {
  panel: string;
  row: TrainerName;
  base: TrainerName;
  ratio: number;
  floor: number;
}

export function panelCosts(results: TrainingMeasurement[]): PanelCost[] {
  const rate = (name: TrainerName) => results.find((result) => result.name === name)?.samplesPerSec;
  return PANEL_COSTS.flatMap(({ panel, row, base, floor }) => {
    const [measured, reference] = [rate(row), rate(base)];
    return measured && reference ? [{ panel, row, base, floor, ratio: measured / reference }] : [];
  });
}

/** `health statistics: ours 2910 samples/s = 0.97 × ours, health off (bound ≥ 0.95)`, then what the insight row answered. */
export function formatPanelCosts(results: TrainingMeasurement[]): string {
  const costs = panelCosts(results);
  if (costs.length === 0) return 'panel costs: - (no pair of rows measured)';
  const lines = costs.map(({ panel, row, base, ratio, floor }) => {
    const measured = results.find((result) => result.name === row)!;
    return `${panel}: ${row} ${measured.samplesPerSec.toFixed(0)} samples/s = ${formatNumber(ratio)} × ${base} (bound ≥ ${floor})${ratio < floor ? ' — OVER BUDGET' : ''}`;
  });
  const insight = results.find((result) => result.insight)?.insight;
  if (insight) lines.push(`insight views answered: ${insight.weightImages} weight images, ${insight.inspections} inspections, ${insight.galleryPages} gallery pages`);
  return lines.join('\n');
}

/** One workload's printed summary: the table, the comparisons with the peers and, where its rows ran, the panels' costs. */
export function formatWorkload(results: TrainingMeasurement[]): string {
  const lines = [formatTable(results), formatRatio(results), formatAccuracy(results)];
  if (panelCosts(results).length > 0) lines.push(formatPanelCosts(results));
  return lines.join('\n');
}

/** Warnings worth printing: trainers on different adapters. */
export function adapterWarnings(results: TrainingMeasurement[]): string[] {
  const adapters = new Set(results.map((result) => result.adapter));
  return adapters.size > 1 ? [`warning: the trainers ran on different adapters: ${[...adapters].join(', ')}`] : [];
}

/** The saved record, exactly: adapter, then per workload one entry per measured trainer and the comparisons. */
export function resultsRecord(adapter: AdapterSummary, results: TrainingMeasurement[]) {
  const workloads = WORKLOAD_NAMES.map((workload) => {
    const rows = results.filter((result) => result.workload === workload);
    return {
      workload,
      results: rows.map(({ name, steps, samplesPerSec, steadySamplesPerSec, firstStepMs, accuracies, gpuDatasetBytes, cadence, insight }) => ({
        name,
        steps,
        samplesPerSec,
        steadySamplesPerSec,
        firstStepMs,
        accuracies,
        gpuDatasetBytes,
        ...(cadence ? { cadence } : {}),
        ...(insight ? { insight } : {}),
      })),
      speed: speedComparison(rows) ?? null,
      accuracy: accuracyComparisons(rows),
      panelCosts: panelCosts(rows).map(({ panel, ratio }) => ({ panel, ratio })),
    };
  });
  return { adapter, workloads };
}
