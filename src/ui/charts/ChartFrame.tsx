// One chart card: title, legend, and either the plot (in a .chart wrapper) or an empty state.
import type { ReactNode } from 'react';

/** A legend entry; `series` names the CSS class that colours its swatch (see charts.css). */
export interface LegendEntry {
  label: string;
  series: 'train' | 'train-raw' | 'test' | 'throughput';
}

interface ChartFrameProps {
  title: string;
  /** Accessible name of the figure, e.g. "Train and test loss by step". */
  label: string;
  legend: readonly LegendEntry[];
  hasData: boolean;
  /** Controls shown next to the title (e.g. the log-scale switch). */
  tools?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

export function ChartFrame({ title, label, legend, hasData, tools, wide = false, children }: ChartFrameProps) {
  return (
    <figure className={wide ? 'chart-card chart-card-wide' : 'chart-card'} aria-label={label}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        {hasData && (
          <ul className="chart-legend">
            {legend.map((entry) => (
              <li key={entry.label}>
                <span className={`chart-swatch swatch-${entry.series}`} aria-hidden="true" />
                {entry.label}
              </li>
            ))}
          </ul>
        )}
        {tools}
      </figcaption>
      {hasData ? <div className="chart">{children}</div> : <p className="chart-empty">No data yet — press Train</p>}
    </figure>
  );
}
