// Train accuracy (smoothed over the windows) and test accuracy by step, in percent.
import { memo, useMemo } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, PLOT_STYLE, STEP_LABEL, TICK, Y_AXIS_WIDTH, yLabel } from './axes';
import { formatCompact, formatPercent, formatPercentTick } from './chart-format';
import type { AccuracyRow, Plot } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { GridLines, TestMarkers } from './PlotMarks';

const LEGEND: LegendEntry[] = [
  { label: 'Train (smoothed)', series: 'train' },
  { label: 'Test', series: 'test' },
];
const Y_LABEL = yLabel('Accuracy (%)');

const renderTooltip = tooltipContent<AccuracyRow>((row) =>
  definedLines([
    ['Train (smoothed)', 'train', row.train, formatPercent],
    ['Test', 'test', row.test, formatPercent],
  ]),
);

export const AccuracyChart = memo(function AccuracyChart({ plot }: { plot: Plot<AccuracyRow> }) {
  const tests = useMemo(() => plot.rows.filter((row) => row.test !== undefined), [plot.rows]);
  return (
    <ChartFrame title="Accuracy" label="Train and test accuracy by step" legend={LEGEND} hasData={plot.rows.length > 0}>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis dataKey="step" type="number" domain={plot.x.domain} ticks={plot.x.ticks} niceTicks="none" interval={0} tick={TICK} tickFormatter={formatCompact} label={STEP_LABEL} />
        <YAxis domain={plot.y.domain} ticks={plot.y.ticks} niceTicks="none" interval={0} allowDataOverflow width={Y_AXIS_WIDTH} tick={TICK} tickFormatter={formatPercentTick} label={Y_LABEL} />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        <Line className="series-train" dataKey="train" name="Train (smoothed)" stroke="var(--chart-train)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <Line className="series-test" dataKey="test" name="Test" stroke="var(--chart-test)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <TestMarkers points={tests} />
      </LineChart>
    </ChartFrame>
  );
});
