// A small multiple: one figure of one layer over steps as an SVG line, with its range, its last value and a text alternative.
import { formatHealthFigure, sparkScale, type SeriesPoint } from './health-series';

interface SparklineProps {
  title: string;
  points: readonly SeriesPoint[];
  log?: boolean;
  /** A second line drawn fainter (e.g. the standard deviation beside the mean). */
  companion?: { label: string; points: readonly SeriesPoint[] };
  /** A shaded healthy range, e.g. update ratios between 1e-4 and 1e-2. */
  band?: readonly [number, number];
  /** Where the values lie, at the most (e.g. a share in [0, 1]): the scale does not pad beyond it. */
  bounds?: readonly [number, number];
  format?: (value: number) => string;
}

const WIDTH = 160;
const HEIGHT = 44;

function path(points: readonly SeriesPoint[], x: (step: number) => number, y: (value: number) => number): string {
  return points.map(({ step, value }, i) => `${i === 0 ? 'M' : 'L'}${x(step).toFixed(1)},${y(value).toFixed(1)}`).join('');
}

export function Sparkline({ title, points, log = false, companion, band, bounds, format = formatHealthFigure }: SparklineProps) {
  const last = points.at(-1);
  if (!last) {
    return (
      <figure className="sparkline">
        <figcaption>{title}</figcaption>
        <p className="sparkline-empty muted">no finite values</p>
      </figure>
    );
  }
  const all = [...points, ...(companion?.points ?? [])];
  const scale = sparkScale(all.map(({ value }) => value), log, band ?? [], bounds);
  const [first, end] = [points[0]!.step, last.step];
  const x = (step: number) => (end > first ? ((step - first) / (end - first)) * WIDTH : WIDTH / 2);
  const y = (value: number) => HEIGHT - 2 - scale.position(value) * (HEIGHT - 4);
  const description = `${title}: ${format(points[0]!.value)} at step ${first}, ${format(last.value)} at step ${end}${log ? ' (log scale)' : ''}.`;
  return (
    <figure className="sparkline">
      <figcaption>
        {title} <span className="sparkline-last">{format(last.value)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={description}>
        {band && <rect className="sparkline-band" x={0} width={WIDTH} y={y(band[1])} height={Math.max(0, y(band[0]) - y(band[1]))} />}
        {companion && <path className="sparkline-companion" d={path(companion.points, x, y)} vectorEffect="non-scaling-stroke" />}
        <path className="sparkline-line" d={path(points, x, y)} vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="sparkline-range" aria-hidden="true">
        {format(scale.min)} – {format(scale.max)}
      </div>
    </figure>
  );
}
