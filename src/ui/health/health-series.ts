// The health panel's series: each layer's figures over steps, thinned to what a small chart can show, with their scales.
import type { HealthWindow, LayerHealth } from '../../engine/health/types';

/** Points a small multiple draws at most: more would not show at its width. */
export const SPARKLINE_POINTS = 160;

export interface SeriesPoint {
  step: number;
  value: number;
}

/** The figures a layer's small multiples plot, each over steps. */
export interface LayerSeries {
  layer: number;
  name: string;
  gradientNorm: SeriesPoint[];
  updateRatio: SeriesPoint[];
  activationMean: SeriesPoint[];
  activationStd: SeriesPoint[];
  /** Only for ReLU-family layers. */
  deadFraction?: SeriesPoint[];
  /** Set where the dead fraction counts a conv layer's filters rather than units. */
  deadOf?: 'filters';
}

/** At most `limit` windows, evenly spread over the whole run, the last one always in. */
export function thin<T>(items: readonly T[], limit = SPARKLINE_POINTS): T[] {
  if (items.length <= limit) return [...items];
  const stride = (items.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => items[Math.round(i * stride)]!);
}

type Figure = Exclude<keyof LayerHealth, 'layer' | 'name' | 'deadOf'>;

/** Each layer's series, in network order, from windows oldest first. */
export function layerSeries(windows: readonly HealthWindow[]): LayerSeries[] {
  const shown = thin(windows);
  const layers = windows.at(-1)?.layers ?? [];
  return layers.map(({ layer, name, deadFraction, deadOf }) => {
    const series = (figure: Figure): SeriesPoint[] =>
      shown.flatMap(({ step, layers: all }) => {
        const value = all.find((health) => health.layer === layer)?.[figure];
        return value === undefined || !Number.isFinite(value) ? [] : [{ step, value }];
      });
    return {
      layer,
      name,
      gradientNorm: series('gradientNorm'),
      updateRatio: series('updateRatio'),
      activationMean: series('activationMean'),
      activationStd: series('activationStd'),
      ...(deadFraction !== undefined ? { deadFraction: series('deadFraction') } : {}),
      ...(deadOf ? { deadOf } : {}),
    };
  });
}

/** The learning rate the schedule applied, window by window. */
export const learningRateSeries = (windows: readonly HealthWindow[]): SeriesPoint[] => thin(windows).map(({ step, learningRate }) => ({ step, value: learningRate }));

export interface SparkScale {
  log: boolean;
  min: number;
  max: number;
  /** 0 at the bottom of the plot, 1 at the top. */
  position(value: number): number;
}

/**
 * A y scale over the values: logarithmic (positive values only) when asked, padded a little so a flat line sits in
 * the middle; `include` widens it to a reference value (e.g. a healthy band's edges); a linear scale stays within
 * `bounds` where the values cannot leave them (a share is never below 0%).
 */
export function sparkScale(values: readonly number[], log: boolean, include: readonly number[] = [], bounds?: readonly [number, number]): SparkScale {
  const usable = [...values, ...include].filter((value) => Number.isFinite(value) && (!log || value > 0));
  const map = (value: number) => (log ? Math.log10(value) : value);
  let [low, high] = usable.length ? [Math.min(...usable.map(map)), Math.max(...usable.map(map))] : [0, 1];
  if (high - low < 1e-12) [low, high] = log ? [low - 0.5, high + 0.5] : [low - (Math.abs(low) || 1) * 0.1, high + (Math.abs(high) || 1) * 0.1];
  if (bounds && !log) [low, high] = [Math.max(low, bounds[0]), Math.min(high, bounds[1])];
  const [min, max] = log ? [10 ** low, 10 ** high] : [low, high];
  return { log, min, max, position: (value) => (map(log ? Math.max(value, min) : value) - low) / (high - low) };
}

/** A figure for a label: 3 significant digits, exponent form when very small or large. */
export function formatHealthFigure(value: number): string {
  if (value === 0) return '0';
  const size = Math.abs(value);
  return size < 1e-3 || size >= 1e5 ? value.toExponential(1).replace('e+', 'e') : String(Number(value.toPrecision(3)));
}
