// Runs as files to take elsewhere: CSV with one row per logged point (train windows and test evaluations), and JSON of the records.
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';

export const CSV_COLUMNS = ['run_id', 'run_name', 'kind', 'step', 'epoch', 'loss', 'accuracy', 'samples_per_second'] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused so spreadsheets do not run it. */
function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function* csvRows(run: RunRecord): Generator<Array<string | number>> {
  for (const point of run.trainMetrics) yield [run.id, run.name, 'train', point.step, point.epoch, point.loss, point.accuracy, point.samplesPerSecond];
  for (const point of run.evaluations) yield [run.id, run.name, 'test', point.step, point.epoch, point.loss, point.accuracy, ''];
}

/** The runs' logged points as CSV (header first); a non-finite value is an empty field. */
export function runsCsv(runs: readonly RunRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const run of runs) for (const row of csvRows(run)) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** The records as JSON, tagged with their layout version (NaN and ±Infinity become null, as JSON has no such numbers). */
export function runsJson(runs: readonly RunRecord[]): string {
  return JSON.stringify({ format: 'backprop-studio-runs', version: RUN_RECORD_VERSION, runs }, null, 2);
}
