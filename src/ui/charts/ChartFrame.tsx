// One chart card: title, legend, save buttons, and either the plot (in a .chart wrapper) with its latest figures in words, or an empty state.
import { useId, type ReactNode } from 'react';
import { useAppStore } from '../../store/app-store';
import { ChartExport } from './ChartExport';

/** A legend entry; `series` names the CSS class that colours its swatch (see charts.css): a live series, or an overlaid run's colour. */
export interface LegendEntry {
  label: string;
  series: 'train' | 'train-raw' | 'test' | 'throughput' | `run-${number}`;
}

interface ChartFrameProps {
  title: string;
  /** Accessible name of the figure, e.g. "Train and test loss by step". */
  label: string;
  legend: readonly LegendEntry[];
  /** The latest figures in words, read by screen readers as the figure's description; empty while there is no data. */
  summary: string;
  /** The saved files' name without prefix or extension, e.g. "loss by step". */
  fileName: string;
  /** Controls shown next to the title (e.g. the log-scale switch). */
  tools?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

/** What an empty chart says: press Train, or why a run that diverged before any finite loss drew nothing. */
function useEmptyText(): string {
  const divergedAt = useAppStore((state) => state.training.divergedWith?.step);
  if (divergedAt === undefined) return 'No data yet — press Train';
  return `Diverged by step ${divergedAt} before any finite value: nothing to draw. Lower the learning rate, then train again.`;
}

export function ChartFrame({ title, label, legend, summary, fileName, tools, wide = false, children }: ChartFrameProps) {
  const summaryId = useId();
  const hasData = summary !== '';
  const emptyText = useEmptyText();
  return (
    <figure className={wide ? 'chart-card chart-card-wide' : 'chart-card'} aria-label={label} aria-describedby={hasData ? summaryId : undefined}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        {hasData && (
          <ul className="chart-legend">
            {legend.map((entry) => (
              <li key={`${entry.series} ${entry.label}`}>
                <span className={`chart-swatch swatch-${entry.series}`} aria-hidden="true" />
                {entry.label}
              </li>
            ))}
          </ul>
        )}
        {tools}
        {hasData && <ChartExport title={title} fileName={fileName} />}
      </figcaption>
      {hasData ? (
        <>
          <div className="chart">{children}</div>
          <p id={summaryId} className="visually-hidden chart-summary">
            {summary}
          </p>
        </>
      ) : (
        <p className="chart-empty">{emptyText}</p>
      )}
    </figure>
  );
}
