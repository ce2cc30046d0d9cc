// The toolbar over all charts: the smoothing slider, what the x axis counts (Step | Epoch), and any further controls given.
import { useId, type ReactNode } from 'react';
import { XAxisSwitch } from './XAxisSwitch';

interface ChartToolbarProps {
  smoothing: number;
  onSmoothingChange(smoothing: number): void;
  children?: ReactNode;
}

export function ChartToolbar({ smoothing, onSmoothingChange, children }: ChartToolbarProps) {
  const sliderId = useId();
  return (
    <div className="chart-toolbar">
      <label htmlFor={sliderId}>Smoothing</label>
      <input id={sliderId} type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(event) => onSmoothingChange(Number(event.target.value))} />
      <output htmlFor={sliderId}>{smoothing.toFixed(2)}</output>
      {children}
      <XAxisSwitch />
    </div>
  );
}
