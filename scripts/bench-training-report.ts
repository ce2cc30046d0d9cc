// Turns training-benchmark results into the printed table, the speed ratios (to the peers, of the insight panels) and the saved bench/results.json.
import type { AdapterSummary } from '../src/engine/gpu/device';
import { PANEL_COSTS, W1, type TrainerName, type TrainingMeasurement, type TrainingOutcome } from '../bench/training-protocol';
import { formatNumber } from './bench-page';

const COLUMNS: { title: string; cell: (result: TrainingMeasurement) => string }[] = [
  { title: 'name', cell: (r) => r.name },
  { title: 'samples/s', cell: (r) => r.samplesPerSec.toFixed(0) },
  { title: 'steady samples/s', cell: (r) => r.steadySamplesPerSec.toFixed(0) },
  { title: 'first step ms', cell: (r) => r.firstStepMs.toFixed(0) },
  { title: 'test accuracy', cell: (r) => `${(100 * r.testAcc).toFixed(2)}%` },
  { title: 'dataset bytes on GPU', cell: (r) => r.gpuDatasetBytes.toLocaleString('en-US') },
];

/** One row per measured trainer, columns padded to line up. */
export function formatTable(results: TrainingMeasurement[]): string {
  const rows = [COLUMNS.map((column) => column.title), ...results.map((result) => COLUMNS.map((column) => column.cell(result)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** `ours: 1234 samples/s (first step 567 ms, 95.31%)` or `jax-webgpu FAILED: …`. */
export function formatOutcome(outcome: TrainingOutcome): string {
  if ('error' in outcome) return `${outcome.name} FAILED: ${outcome.error}`;
  const { name, samplesPerSec, firstStepMs, testAcc, adapter } = outcome;
  return `${name}: ${samplesPerSec.toFixed(0)} samples/s (first step ${firstStepMs.toFixed(0)} ms, test accuracy ${(100 * testAcc).toFixed(2)}%) on ${adapter}`;
}

/** The other libraries: every trainer but ours, with or without the insight panels. */
const peersOf = (results: TrainingMeasurement[]) => results.filter((result) => !result.name.startsWith('ours'));

/** Ours over the faster peer in samples per second, where ours and at least one peer were measured. */
export function speedRatio(results: TrainingMeasurement[]): number | undefined {
  const ours = results.find((result) => result.name === 'ours');
  const peers = peersOf(results);
  if (!ours || peers.length === 0) return undefined;
  return ours.samplesPerSec / Math.max(...peers.map((peer) => peer.samplesPerSec));
}

export function formatRatio(results: TrainingMeasurement[]): string {
  const ratio = speedRatio(results);
  if (ratio === undefined) return 'ratio ours / faster peer: - (not enough trainers measured)';
  const fastest = peersOf(results).sort((a, b) => b.samplesPerSec - a.samplesPerSec)[0]!;
  return `ratio ours / faster peer (${fastest.name}) in samples/s: ${formatNumber(ratio)}`;
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

/** Warnings worth printing: trainers on different adapters. */
export function adapterWarnings(results: TrainingMeasurement[]): string[] {
  const adapters = new Set(results.map((result) => result.adapter));
  return adapters.size > 1 ? [`warning: the trainers ran on different adapters: ${[...adapters].join(', ')}`] : [];
}

/** The saved record, exactly: adapter, workload, one entry per measured trainer, ratio. */
export function resultsRecord(adapter: AdapterSummary, results: TrainingMeasurement[]) {
  return {
    adapter,
    workload: W1.name,
    results: results.map(({ name, samplesPerSec, firstStepMs, testAcc, gpuDatasetBytes, insight }) => ({ name, samplesPerSec, firstStepMs, testAcc, gpuDatasetBytes, ...(insight ? { insight } : {}) })),
    ratio: speedRatio(results) ?? null,
    panelCosts: panelCosts(results).map(({ panel, ratio }) => ({ panel, ratio })),
  };
}
