// Training throughput (samples per second) by step.
import { memo } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, PLOT_STYLE, STEP_LABEL, TICK, Y_AXIS_WIDTH, yLabel } from './axes';
import { formatRate } from '../format';
import { formatCompact } from './chart-format';
import type { Plot, ThroughputRow } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { GridLines } from './PlotMarks';

const LEGEND: LegendEntry[] = [{ label: 'Samples/s', series: 'throughput' }];
const Y_LABEL = yLabel('Samples/s');

const renderTooltip = tooltipContent<ThroughputRow>((row) => definedLines([['Throughput', 'throughput', row.samplesPerSecond, formatRate]]));

export const ThroughputChart = memo(function ThroughputChart({ plot }: { plot: Plot<ThroughputRow> }) {
  return (
    <ChartFrame title="Throughput" label="Training throughput by step" legend={LEGEND} hasData={plot.rows.length > 0}>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis dataKey="step" type="number" domain={plot.x.domain} ticks={plot.x.ticks} niceTicks="none" interval={0} tick={TICK} tickFormatter={formatCompact} label={STEP_LABEL} />
        <YAxis domain={plot.y.domain} ticks={plot.y.ticks} niceTicks="none" interval={0} width={Y_AXIS_WIDTH} tick={TICK} tickFormatter={formatCompact} label={Y_LABEL} />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        <Line className="series-throughput" dataKey="samplesPerSecond" name="Samples/s" stroke="var(--chart-throughput)" strokeWidth={1.5} dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
});
