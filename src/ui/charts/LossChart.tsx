// Train loss (raw faint, smoothed bold) with test loss where it was measured, over the ticked runs' train loss, by step or epoch; linear or log scale.
import { memo, useMemo, useId } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, WIDE_PLOT_STYLE, xAxisProps, yAxisProps } from './axes';
import { formatLoss, formatTick } from './chart-format';
import type { LossPlot, LossRow, LossScaleChoice, XKey } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { overlayLegend, overlayLines, overlayTooltipLines } from './overlay-lines';
import type { Overlay } from './overlays';
import { GridLines, TestMarkers } from './PlotMarks';

const LEGEND: LegendEntry[] = [
  { label: 'Train (smoothed)', series: 'train' },
  { label: 'Train (raw)', series: 'train-raw' },
  { label: 'Test', series: 'test' },
];

const tooltipFor = (overlays: readonly Overlay[]) =>
  tooltipContent<LossRow>((row) => [
    ...definedLines([
      ['Train (smoothed)', 'train', row.smoothed, formatLoss],
      ['Train (raw)', 'train-raw', row.raw, formatLoss],
      ['Test', 'test', row.test, formatLoss],
    ]),
    ...overlayTooltipLines(row, overlays, formatLoss),
  ]);

interface LossChartProps {
  plot: LossPlot;
  x: XKey;
  /** 'auto' until the person touches the switch; from then on their choice wins. */
  scale: LossScaleChoice;
  onScaleChange(scale: LossScaleChoice): void;
}

export const LossChart = memo(function LossChart({ plot, x, scale, onScaleChange }: LossChartProps) {
  const tests = useMemo(() => plot.rows.filter((row) => row.test !== undefined), [plot.rows]);
  const switchId = useId();
  const legend = useMemo(() => [...LEGEND, ...overlayLegend(plot.overlays)], [plot.overlays]);
  const renderTooltip = useMemo(() => tooltipFor(plot.overlays), [plot.overlays]);
  const tools = plot.summary !== '' && (
    <label className="chart-switch" htmlFor={switchId}>
      <input id={switchId} type="checkbox" checked={plot.log} onChange={(event) => onScaleChange(event.target.checked ? 'log' : 'linear')} />
      {scale === 'auto' ? 'Log scale (auto)' : 'Log scale'}
    </label>
  );
  return (
    <ChartFrame title="Loss" label={`Train and test loss by ${x}`} legend={legend} summary={plot.summary} fileName={`loss by ${x}`} tools={tools} wide>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={WIDE_PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis {...xAxisProps(plot.x, x)} />
        <YAxis scale={plot.log ? 'log' : 'linear'} {...yAxisProps(plot.y, formatTick)} />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        {overlayLines(plot.overlays)}
        <Line className="series-train-raw" dataKey="raw" name="Train (raw)" stroke="var(--chart-train)" strokeOpacity={0.3} strokeWidth={1} connectNulls dot={false} activeDot={false} isAnimationActive={false} />
        <Line className="series-train" dataKey="smoothed" name="Train (smoothed)" stroke="var(--chart-train)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <Line className="series-test" dataKey="test" name="Test" stroke="var(--chart-test)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <TestMarkers points={tests} x={x} />
      </LineChart>
    </ChartFrame>
  );
});
