// The selected runs' train loss and accuracy side by side: a line and a legend colour per run, by step or epoch.
import { useMemo } from 'react';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { useRunsStore } from '../../store/runs/runs-store';
import { MARGIN, PLOT_STYLE, xAxisProps, yAxisProps } from '../charts/axes';
import { formatPercentTick, formatTick } from '../charts/chart-format';
import type { XKey } from '../charts/chart-data';
import { ChartExport } from '../charts/ChartExport';
import { GridLines } from '../charts/PlotMarks';
import { useXAxisChoice } from '../charts/x-axis-choice';
import { XAxisSwitch } from '../charts/XAxisSwitch';
import { comparisonPlot, type ComparedMetric, type ComparisonPlot } from './comparison-data';
import '../charts/charts.css';

const METRICS: ReadonlyArray<{ metric: ComparedMetric; title: string; format(value: number): string }> = [
  { metric: 'loss', title: 'Train loss', format: formatTick },
  { metric: 'accuracy', title: 'Train accuracy', format: formatPercentTick },
];

function ComparisonChart({ plot, title, x, format }: { plot: ComparisonPlot; title: string; x: XKey; format(value: number): string }) {
  return (
    <figure className="chart-card" aria-label={`${title} of the selected runs by ${x}`}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        {plot.curves.some((curve) => curve.points.length > 0) && <ChartExport title={title} fileName={`runs ${title} by ${x}`} />}
      </figcaption>
      <div className="chart">
        <LineChart responsive margin={MARGIN} style={PLOT_STYLE}>
          <GridLines values={plot.y.ticks} />
          <XAxis {...xAxisProps(plot.x, x)} />
          <YAxis {...yAxisProps(plot.y, format)} />
          {plot.curves.map((curve) => (
            <Line key={curve.id} className={`run-line run-colour-${curve.colour}`} data={curve.points} dataKey="value" name={curve.name} stroke={`var(--run-colour-${curve.colour})`} strokeWidth={2} dot={false} activeDot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </div>
      <p className="visually-hidden chart-summary">{plot.summary}</p>
    </figure>
  );
}

export function RunComparison() {
  const runs = useRunsStore((state) => state.runs);
  const selected = useRunsStore((state) => state.selected);
  const x = useXAxisChoice((state) => state.x);
  const compared = useMemo(() => selected.flatMap((id) => runs.filter((run) => run.id === id)), [runs, selected]);
  const plots = useMemo(() => METRICS.map((entry) => ({ ...entry, plot: comparisonPlot(compared, entry.metric, x) })), [compared, x]);
  if (compared.length === 0) return <p className="runs-hint muted">Tick runs in the table to draw their curves here, one colour each.</p>;
  return (
    <section className="training-charts runs-comparison" aria-label="Run comparison">
      <div className="chart-toolbar">
        <ul className="chart-legend runs-legend" aria-label="Compared runs">
          {plots[0]!.plot.curves.map((curve) => (
            <li key={curve.id}>
              <span className={`chart-swatch run-swatch run-colour-${curve.colour}`} aria-hidden="true" />
              {curve.name}
            </li>
          ))}
        </ul>
        <XAxisSwitch />
      </div>
      <div className="chart-grid">
        {plots.map(({ metric, title, format, plot }) => (
          <ComparisonChart key={metric} plot={plot} title={title} x={x} format={format} />
        ))}
      </div>
    </section>
  );
}
