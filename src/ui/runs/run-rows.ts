// The runs table's rows (pure): each run's figures in words and its changes against the baseline, sorted with pinned runs first.
import { describeChanges, experimentChanges, networkLabel } from '../../store/runs/changes';
import type { RunRecord } from '../../store/runs/run-record';

export type SortKey = 'startedAt' | 'name' | 'testAccuracy' | 'testLoss' | 'durationMs';

export interface RunSort {
  key: SortKey;
  descending: boolean;
}

export interface RunRow {
  run: RunRecord;
  network: string;
  /** The last test evaluation's figures, when there was one. */
  testAccuracy?: number;
  testLoss?: number;
  /** Against the baseline, in words; undefined without a baseline, '' for the baseline itself. */
  changes?: string;
}

export function runRow(run: RunRecord, baseline: RunRecord | undefined): RunRow {
  const last = run.evaluations.at(-1);
  const changes = baseline === undefined ? undefined : baseline.id === run.id ? '' : describeChanges(experimentChanges(baseline.experiment, run.experiment));
  return { run, network: networkLabel(run.experiment), ...(last ? { testAccuracy: last.accuracy, testLoss: last.loss } : {}), ...(changes === undefined ? {} : { changes }) };
}

/** A row's value for a sort key; rows without one (no test yet) sort last either way. */
function sortValue(row: RunRow, key: SortKey): string | number | undefined {
  if (key === 'name') return row.run.name.toLocaleLowerCase();
  if (key === 'startedAt' || key === 'durationMs') return row.run[key];
  return row[key];
}

export function sortedRows(runs: readonly RunRecord[], baseline: RunRecord | undefined, { key, descending }: RunSort): RunRow[] {
  const rows = runs.map((run) => runRow(run, baseline));
  return rows.sort((a, b) => {
    if (a.run.pinned !== b.run.pinned) return a.run.pinned ? -1 : 1;
    const [left, right] = [sortValue(a, key), sortValue(b, key)];
    if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? 1 : -1;
    const order = left < right ? -1 : left > right ? 1 : 0;
    return descending ? -order : order;
  });
}
