// A chart card's Save as PNG / SVG buttons: download the chart as drawn, its title and legend included.
import type { MouseEvent } from 'react';
import { saveChart } from './chart-capture';

interface ChartExportProps {
  /** The card's title, e.g. "Loss": the buttons say "Save loss chart as PNG". */
  title: string;
  /** The file's name without prefix or extension, e.g. "loss by step". */
  fileName: string;
}

const FORMATS = [
  { format: 'png', label: 'PNG' },
  { format: 'svg', label: 'SVG' },
] as const;

export function ChartExport({ title, fileName }: ChartExportProps) {
  const save = (event: MouseEvent<HTMLButtonElement>, format: 'png' | 'svg') => {
    const card = event.currentTarget.closest('figure');
    if (card) void saveChart(card, fileName, format);
  };
  return (
    <span className="chart-export">
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" aria-label={`Save ${title.toLowerCase()} chart as ${label}`} title={`Save as ${label}`} onClick={(event) => save(event, format)}>
          {label}
        </button>
      ))}
    </span>
  );
}
