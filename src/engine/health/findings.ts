// Findings in plain words from the health windows: each names the layer, the figure, and what to try.
import { median } from './median';
import type { HealthWindow, LayerHealth } from './types';

export type FindingKind = 'dead-units' | 'updates-too-large' | 'updates-too-small' | 'vanishing-gradients' | 'exploding-gradients';

export interface Finding {
  kind: FindingKind;
  /** Index in [...hidden layers, output layer]. */
  layer: number;
  message: string;
}

/** Half or more of a layer's units dead for this many steps in a row is a finding. */
export const DEAD_FOR_STEPS = 500;
const DEAD_FRACTION = 0.5;
/** Updates above 1% or below 0.001% of the weights per step (the healthy range sits near 0.1%). */
const UPDATE_RATIO_HIGH = 1e-2;
const UPDATE_RATIO_LOW = 1e-5;
const VANISHING_NORM = 1e-7;
const EXPLODING_GROWTH = 1e3;
/** Windows a figure must hold in (a median over them) before it is reported: one odd window says nothing. */
const RECENT_WINDOWS = 5;
/** Steps before the update and gradient findings speak: the first steps of Adam and of a warmup are unusual. */
const SETTLING_STEPS = 50;

/** One layer's figures in one window, ending at `step`. */
interface WindowFigures {
  step: number;
  steps: number;
  health: LayerHealth;
}

const percent = (fraction: number): string => `${Number((100 * fraction).toPrecision(2))}%`;

/** Each layer's figures over the windows, oldest first. */
function seriesByLayer(windows: readonly HealthWindow[]): Map<number, WindowFigures[]> {
  const series = new Map<number, WindowFigures[]>();
  for (const { step, steps, layers } of windows) {
    for (const health of layers) {
      const figures = series.get(health.layer) ?? [];
      figures.push({ step, steps, health });
      series.set(health.layer, figures);
    }
  }
  return series;
}

/** Steps for which half or more of the units have been dead, counted back from the last window. */
function deadSpan(series: readonly WindowFigures[]): { steps: number; fraction: number; of: string } {
  const last = series.at(-1)!;
  let first = last;
  for (let i = series.length - 1; i >= 0 && (series[i]!.health.deadFraction ?? 0) >= DEAD_FRACTION; i--) first = series[i]!;
  const dead = (last.health.deadFraction ?? 0) >= DEAD_FRACTION;
  return { steps: dead ? last.step - first.step + first.steps : 0, fraction: last.health.deadFraction ?? 0, of: last.health.deadOf ?? 'units' };
}

function layerFindings(layer: number, series: readonly WindowFigures[]): Finding[] {
  const number = layer + 1;
  const found: Finding[] = [];
  const dead = deadSpan(series);
  if (dead.steps >= DEAD_FOR_STEPS) {
    const message = `Layer ${number}: ${percent(dead.fraction)} of its ReLU ${dead.of} have been dead for ${dead.steps} steps — lower the learning rate, use He init or leaky ReLU.`;
    found.push({ kind: 'dead-units', layer, message });
  }
  const settled = series.filter(({ step }) => step > SETTLING_STEPS);
  if (settled.length < RECENT_WINDOWS) return found;
  const recent = settled.slice(-RECENT_WINDOWS).map(({ health }) => health);
  const ratio = median(recent.map((health) => health.updateRatio));
  if (ratio > UPDATE_RATIO_HIGH) {
    found.push({ kind: 'updates-too-large', layer, message: `Layer ${number} updates are ${percent(ratio)} of its weights per step — the learning rate is probably too high.` });
  } else if (ratio < UPDATE_RATIO_LOW) {
    found.push({ kind: 'updates-too-small', layer, message: `Layer ${number} updates are ${percent(ratio)} of its weights per step — the learning rate is probably too low.` });
  }
  const gradient = median(recent.map((health) => health.gradientNorm));
  const early = median(settled.slice(0, RECENT_WINDOWS).map(({ health }) => health.gradientNorm));
  if (gradient < VANISHING_NORM) {
    found.push({ kind: 'vanishing-gradients', layer, message: `Gradients reaching layer ${number} are below 1e-7 — vanishing; try ReLU or fewer sigmoid layers.` });
  } else if (early > 0 && gradient > EXPLODING_GROWTH * early) {
    const growth = `${Math.round(gradient / early).toLocaleString('en-US')}×`;
    found.push({ kind: 'exploding-gradients', layer, message: `Gradients at layer ${number} grew ${growth} since step ${settled[0]!.step} — exploding; lower the learning rate or clip gradients.` });
  }
  return found;
}

/** What the windows so far say, layer by layer in network order. */
export function healthFindings(windows: readonly HealthWindow[]): Finding[] {
  if (windows.length === 0) return [];
  return [...seriesByLayer(windows)].sort(([a], [b]) => a - b).flatMap(([layer, series]) => layerFindings(layer, series));
}
