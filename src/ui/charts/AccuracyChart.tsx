// Train accuracy (smoothed over the windows) and test accuracy, over the ticked runs' train accuracy, by step or epoch, in percent.
import { memo, useMemo } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, PLOT_STYLE, xAxisProps, yAxisProps } from './axes';
import { formatPercent, formatPercentTick } from './chart-format';
import type { AccuracyRow, OverlaidPlot, XKey } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { overlayLegend, overlayLines, overlayTooltipLines } from './overlay-lines';
import type { Overlay } from './overlays';
import { GridLines, TestMarkers } from './PlotMarks';

const LEGEND: LegendEntry[] = [
  { label: 'Train (smoothed)', series: 'train' },
  { label: 'Test', series: 'test' },
];

const tooltipFor = (overlays: readonly Overlay[]) =>
  tooltipContent<AccuracyRow>((row) => [
    ...definedLines([
      ['Train (smoothed)', 'train', row.train, formatPercent],
      ['Test', 'test', row.test, formatPercent],
    ]),
    ...overlayTooltipLines(row, overlays, formatPercent),
  ]);

export const AccuracyChart = memo(function AccuracyChart({ plot, x }: { plot: OverlaidPlot<AccuracyRow>; x: XKey }) {
  const tests = useMemo(() => plot.rows.filter((row) => row.test !== undefined), [plot.rows]);
  const legend = useMemo(() => [...LEGEND, ...overlayLegend(plot.overlays)], [plot.overlays]);
  const renderTooltip = useMemo(() => tooltipFor(plot.overlays), [plot.overlays]);
  return (
    <ChartFrame title="Accuracy" label={`Train and test accuracy by ${x}`} legend={legend} summary={plot.summary} fileName={`accuracy by ${x}`}>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis {...xAxisProps(plot.x, x)} />
        <YAxis {...yAxisProps(plot.y, formatPercentTick)} />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        {overlayLines(plot.overlays)}
        <Line className="series-train" dataKey="train" name="Train (smoothed)" stroke="var(--chart-train)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <Line className="series-test" dataKey="test" name="Test" stroke="var(--chart-test)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <TestMarkers points={tests} x={x} />
      </LineChart>
    </ChartFrame>
  );
});
