// Training throughput (samples per second) by step or epoch.
import { memo } from 'react';
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVE_DOT, CURSOR, MARGIN, PLOT_STYLE, xAxisProps, yAxisProps } from './axes';
import { formatRate } from '../format';
import { formatTick } from './chart-format';
import type { Plot, ThroughputRow, XKey } from './chart-data';
import { ChartFrame, type LegendEntry } from './ChartFrame';
import { definedLines, tooltipContent } from './ChartTooltip';
import { GridLines } from './PlotMarks';

const LEGEND: LegendEntry[] = [{ label: 'Samples/s', series: 'throughput' }];

const renderTooltip = tooltipContent<ThroughputRow>((row) => definedLines([['Throughput', 'throughput', row.samplesPerSecond, formatRate]]));

export const ThroughputChart = memo(function ThroughputChart({ plot, x }: { plot: Plot<ThroughputRow>; x: XKey }) {
  return (
    <ChartFrame title="Throughput" label={`Training throughput by ${x}`} legend={LEGEND} summary={plot.summary} fileName={`throughput by ${x}`}>
      <LineChart responsive data={plot.rows} margin={MARGIN} style={PLOT_STYLE}>
        <GridLines values={plot.y.ticks} />
        <XAxis {...xAxisProps(plot.x, x)} />
        <YAxis {...yAxisProps(plot.y, formatTick)} />
        <Tooltip content={renderTooltip} isAnimationActive={false} cursor={CURSOR} />
        <Line className="series-throughput" dataKey="samplesPerSecond" name="Samples/s" stroke="var(--chart-throughput)" strokeWidth={1.5} dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
});
