// The toolbar over all charts: the smoothing slider and what the x axis counts (Step | Epoch).
import { useId } from 'react';
import type { XKey } from './chart-data';

const X_CHOICES: ReadonlyArray<{ key: XKey; label: string }> = [
  { key: 'step', label: 'Step' },
  { key: 'epoch', label: 'Epoch' },
];

interface ChartToolbarProps {
  smoothing: number;
  onSmoothingChange(smoothing: number): void;
  x: XKey;
  onXChange(x: XKey): void;
}

export function ChartToolbar({ smoothing, onSmoothingChange, x, onXChange }: ChartToolbarProps) {
  const sliderId = useId();
  const xName = useId();
  return (
    <div className="chart-toolbar">
      <label htmlFor={sliderId}>Smoothing</label>
      <input id={sliderId} type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(event) => onSmoothingChange(Number(event.target.value))} />
      <output htmlFor={sliderId}>{smoothing.toFixed(2)}</output>
      <div className="chart-segments" role="radiogroup" aria-label="X axis">
        {X_CHOICES.map(({ key, label }) => (
          <label key={key}>
            <input type="radio" name={xName} value={key} checked={x === key} onChange={() => onXChange(key)} />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}
