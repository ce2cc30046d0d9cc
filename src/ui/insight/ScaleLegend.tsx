// A colour scale's key: a gradient bar with what its ends (and middle) mean.
import { cssColour, divergingColour, sequentialColour } from './color-scales';

const STOPS = 9;

function gradient(kind: 'sequential' | 'diverging'): string {
  const colours = Array.from({ length: STOPS }, (_, i) => {
    const t = i / (STOPS - 1);
    return cssColour(kind === 'sequential' ? sequentialColour(t) : divergingColour(2 * t - 1));
  });
  return `linear-gradient(to right, ${colours.join(', ')})`;
}

/** `labels`: under the bar's start, (middle,) end. */
export function ScaleLegend({ kind, labels }: { kind: 'sequential' | 'diverging'; labels: readonly string[] }) {
  return (
    <div className="scale-legend" aria-hidden="true">
      <span className="scale-legend-bar" style={{ background: gradient(kind) }} />
      <span className="scale-legend-labels">
        {labels.map((label, i) => (
          <span key={i}>{label}</span>
        ))}
      </span>
    </div>
  );
}
