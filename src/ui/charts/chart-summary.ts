// The latest figures of each chart in words, for screen readers: "Latest: step 1,200, epoch 2.6, train loss 0.213 …".
import { formatCount, formatRate } from '../format';
import type { AccuracyRow, LossRow, ThroughputRow, XKey, XPosition } from './chart-data';
import { formatEpochs, formatPercent, formatSignificant } from './chart-format';
import type { Overlay, OverlayFields } from './overlays';

/** Describes a row's figure, or undefined when the row has none. */
type Describe<Row> = (row: Row) => string | undefined;

/** The newest row that has the figure, with its words. */
function newest<Row>(rows: readonly Row[], describe: Describe<Row>): { row: Row; text: string } | undefined {
  for (let index = rows.length - 1; index >= 0; index--) {
    const text = describe(rows[index]!);
    if (text !== undefined) return { row: rows[index]!, text };
  }
  return undefined;
}

const position = ({ step, epoch }: XPosition): string =>
  Number.isFinite(epoch) ? `step ${formatCount(step)}, epoch ${formatEpochs(epoch)}` : `step ${formatCount(step)}`;

/** "Latest: <position>, <train figure>, <test figure> at step N." — empty when there is nothing yet. */
function summarize<Row extends XPosition>(rows: readonly Row[], train: Describe<Row>, test?: Describe<Row>): string {
  const parts: string[] = [];
  const latestTrain = newest(rows, train);
  if (latestTrain) parts.push(`${position(latestTrain.row)}, ${latestTrain.text}`);
  const latestTest = test && newest(rows, test);
  if (latestTest) parts.push(`${latestTest.text} at step ${formatCount(latestTest.row.step)}`);
  return parts.length === 0 ? '' : `Latest: ${parts.join(', ')}.`;
}

export const lossSummary = (rows: readonly LossRow[]): string =>
  summarize(
    rows,
    ({ raw, smoothed }) => (raw === undefined ? undefined : `train loss ${formatSignificant(raw)} (smoothed ${formatSignificant(smoothed ?? raw)})`),
    ({ test }) => (test === undefined ? undefined : `test loss ${formatSignificant(test)}`),
  );

export const accuracySummary = (rows: readonly AccuracyRow[]): string =>
  summarize(
    rows,
    ({ train }) => (train === undefined ? undefined : `train accuracy ${formatPercent(train)} (smoothed)`),
    ({ test }) => (test === undefined ? undefined : `test accuracy ${formatPercent(test)}`),
  );

export const throughputSummary = (rows: readonly ThroughputRow[]): string => summarize(rows, ({ samplesPerSecond }) => formatRate(samplesPerSecond));

/** "Compared runs: A 0.213 at step 1,200; B nothing logged." — empty without overlays. */
export function overlaySummary(rows: ReadonlyArray<XPosition & OverlayFields>, overlays: readonly Overlay[], x: XKey, format: (value: number) => string): string {
  if (overlays.length === 0) return '';
  const at = (row: XPosition) => (x === 'step' ? `step ${formatCount(row.step)}` : `epoch ${formatEpochs(row.epoch)}`);
  const parts = overlays.map(({ key, name }) => {
    const latest = newest(rows, (row) => (row[key] === undefined ? undefined : format(row[key])));
    return latest ? `${name} ${latest.text} at ${at(latest.row)}` : `${name} nothing logged`;
  });
  return `Compared runs: ${parts.join('; ')}.`;
}
