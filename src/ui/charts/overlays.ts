// Ticked runs drawn over the live charts (pure): a smoothed, thinned train curve per run, a stable colour from its id, merged into the rows by step or epoch.
import type { TrainMetricsPoint } from '../../store/app-store';
import type { RunRecord } from '../../store/runs/run-record';
import type { XKey, XPosition } from './chart-data';
import { finiteBy, latestTimeline, mergeSorted, smoothEma, thinIndices } from './series';

/** Colour-blind-safe line colours for runs (Okabe–Ito green, purple and yellow, grey, black; not the live run's blue and orange): --run-colour-0 … in charts.css. */
export const RUN_COLOURS = 5;

/** The row field that holds the value of the overlay at `index`, e.g. "run0". */
export type OverlayKey = `run${number}`;

/** Rows that can carry overlaid runs' values next to the live run's. */
export type OverlayFields = { [key: OverlayKey]: number | undefined };

/** What the chart needs to draw, name and colour one overlaid run. */
export interface Overlay {
  key: OverlayKey;
  id: string;
  name: string;
  colour: number;
}

/** FNV-1a: a run's id as a 32-bit number, the same on every page load. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/**
 * A colour per run: from its id, so ticking runs in another order changes nothing; two ticked runs whose ids
 * land on the same colour are told apart by moving the later id (in id order) to the next free one.
 */
export function runColours(ids: readonly string[]): Map<string, number> {
  const colours = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of [...new Set(ids)].sort()) {
    let colour = hashId(id) % RUN_COLOURS;
    while (taken.has(colour) && taken.size < RUN_COLOURS) colour = (colour + 1) % RUN_COLOURS;
    taken.add(colour);
    colours.set(id, colour);
  }
  return colours;
}

/** The overlays of `runs`, in the order given (the live run's lines are drawn after them, on top). */
export function overlaysOf(runs: readonly RunRecord[]): Overlay[] {
  const colours = runColours(runs.map((run) => run.id));
  return runs.map((run, index) => ({ key: `run${index}`, id: run.id, name: run.name, colour: colours.get(run.id)! }));
}

/**
 * Each run's train curve of `value`, smoothed as the live one, thinned to `maxPoints` (the newest `recent` kept),
 * merged into `rows` by `x`: a point at the x of a row joins it (keeping the row's step and epoch), others become rows.
 */
export function withOverlays<Row extends XPosition & OverlayFields>(
  rows: readonly Row[],
  runs: readonly RunRecord[],
  value: (point: TrainMetricsPoint) => number,
  { smoothing, x, maxPoints, recent }: { smoothing: number; x: XKey; maxPoints: number; recent: number },
): Row[] {
  return runs.reduce<Row[]>((merged, run, index) => {
    const kept = finiteBy(latestTimeline(run.trainMetrics), value);
    const smoothed = smoothEma(kept.map(value), smoothing);
    const points = thinIndices(smoothed, maxPoints, recent).map((i) => ({ step: kept[i]!.step, epoch: kept[i]!.epoch, [`run${index}`]: smoothed[i]! }));
    // Overlay-only rows have the Row's position and one overlay field: a Row whose optional figures are all absent.
    return mergeSorted(finiteBy(points, (point) => point[x]), merged, x) as Row[];
  }, rows.slice());
}

/** The overlays' values in a row, for the axes. */
export function* overlayValues(row: OverlayFields, overlays: readonly Overlay[]): Generator<number | undefined> {
  for (const overlay of overlays) yield row[overlay.key];
}
