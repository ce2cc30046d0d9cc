// Train loss by step (raw faint, smoothed bold) with test loss at the steps it was measured; linear or log scale.
import { memo, useMemo, useId } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, STEP_LABEL, TICK, WIDE_PLOT_STYLE, Y_AXIS_WIDTH, yLabel } from './axes';
import { formatCompact, formatLoss, formatLossTick } from './chart-format';
import type { LossRow, Plot } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { GridLines, TestMarkers } from './PlotMarks';

const LEGEND: LegendEntry[] = [
  { label: 'Train (smoothed)', series: 'train' },
  { label: 'Train (raw)', series: 'train-raw' },
  { label: 'Test', series: 'test' },
];
const Y_LABEL = yLabel('Loss');

const renderTooltip = tooltipContent<LossRow>((row) =>
  definedLines([
    ['Train (smoothed)', 'train', row.smoothed, formatLoss],
    ['Train (raw)', 'train-raw', row.raw, formatLoss],
    ['Test', 'test', row.test, formatLoss],
  ]),
);

interface LossChartProps {
  plot: Plot<LossRow>;
  logScale: boolean;
  onLogScaleChange(logScale: boolean): void;
}

export const LossChart = memo(function LossChart({ plot, logScale, onLogScaleChange }: LossChartProps) {
  const tests = useMemo(() => plot.rows.filter((row) => row.test !== undefined), [plot.rows]);
  const switchId = useId();
  const hasData = plot.rows.length > 0;
  const tools = hasData && (
    <label className="chart-switch" htmlFor={switchId}>
      <input id={switchId} type="checkbox" checked={logScale} onChange={(event) => onLogScaleChange(event.target.checked)} />
      Log scale
    </label>
  );
  return (
    <ChartFrame title="Loss" label="Train and test loss by step" legend={LEGEND} hasData={hasData} tools={tools} wide>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={WIDE_PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis dataKey="step" type="number" domain={plot.x.domain} ticks={plot.x.ticks} niceTicks="none" interval={0} tick={TICK} tickFormatter={formatCompact} label={STEP_LABEL} />
        <YAxis
          scale={logScale ? 'log' : 'linear'}
          domain={plot.y.domain}
          ticks={plot.y.ticks}
          niceTicks="none"
          interval={0}
          allowDataOverflow
          width={Y_AXIS_WIDTH}
          tick={TICK}
          tickFormatter={formatLossTick}
          label={Y_LABEL}
        />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        <Line className="series-train-raw" dataKey="raw" name="Train (raw)" stroke="var(--chart-train)" strokeOpacity={0.3} strokeWidth={1} connectNulls dot={false} activeDot={false} isAnimationActive={false} />
        <Line className="series-train" dataKey="smoothed" name="Train (smoothed)" stroke="var(--chart-train)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <Line className="series-test" dataKey="test" name="Test" stroke="var(--chart-test)" strokeWidth={2} connectNulls dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
        <TestMarkers points={tests} />
      </LineChart>
    </ChartFrame>
  );
});
