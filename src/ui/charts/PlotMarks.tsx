// Light SVG marks drawn inside a recharts chart from its scales: horizontal grid lines and test-set markers.
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import type { XKey, XPosition } from './chart-data';

/**
 * Horizontal grid lines at the given y values. Cheaper than CartesianGrid, which re-measures
 * tick labels of both axes on every update.
 */
export function GridLines({ values }: { values: readonly number[] }) {
  const area = usePlotArea();
  const y = useYAxisScale();
  if (!area || !y) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.grid}>
      <g className="chart-grid-lines">
        {values.map((value) => {
          const at = y(value);
          return at === undefined || !Number.isFinite(at) ? null : <line key={value} x1={area.x} x2={area.x + area.width} y1={at} y2={at} />;
        })}
      </g>
    </ZIndexLayer>
  );
}

interface TestMarkersProps {
  points: ReadonlyArray<XPosition & { test?: number }>;
  /** The x axis the chart uses. */
  x: XKey;
}

/**
 * A dot at each test measurement. Drawn here rather than with the test Line's `dot`, which
 * would build props for every row of the chart (hundreds) on each update to show a few dots.
 */
export function TestMarkers({ points, x: xKey }: TestMarkersProps) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="test-markers">
        {points.map((point) => {
          const cx = x(point[xKey]);
          const cy = point.test === undefined ? undefined : y(point.test);
          return cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy) ? null : <circle key={point.step} cx={cx} cy={cy} r={3} />;
        })}
      </g>
    </ZIndexLayer>
  );
}
