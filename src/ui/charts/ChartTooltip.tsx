// Tooltip content shared by the charts: the step (and epochs) on top, then exact values with their series colour.
import type { TooltipContentProps } from 'recharts';
import type { XPosition } from './chart-data';
import type { LegendEntry } from './ChartFrame';
import { formatStepLabel } from './chart-format';

export interface TooltipLine {
  label: string;
  series: LegendEntry['series'];
  value: string;
}

/**
 * A recharts `content` renderer: `describe` turns the hovered row into lines, skipping the
 * series that have no value at that step.
 */
export function tooltipContent<Row extends XPosition>(describe: (row: Row) => TooltipLine[]) {
  return function ChartTooltip({ active, payload }: TooltipContentProps) {
    const row = payload?.[0]?.payload as Row | undefined;
    if (!active || !row) return null;
    return (
      <div className="chart-tooltip">
        <p className="chart-tooltip-label">{formatStepLabel(row.step, row.epoch)}</p>
        {describe(row).map((line) => (
          <p key={`${line.series} ${line.label}`}>
            <span className={`chart-swatch swatch-${line.series}`} aria-hidden="true" />
            {line.label} <strong>{line.value}</strong>
          </p>
        ))}
      </div>
    );
  };
}

/** Lines for the defined values only: [label, series, value or undefined, format]. */
export function definedLines(entries: ReadonlyArray<[string, TooltipLine['series'], number | undefined, (value: number) => string]>): TooltipLine[] {
  return entries.flatMap(([label, series, value, format]) => (value === undefined || !Number.isFinite(value) ? [] : [{ label, series, value: format(value) }]));
}
