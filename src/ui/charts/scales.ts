// Axis domains and tick values computed here, so recharts skips its own (slow, decimal.js-based) nice-tick search on every update.

export interface Scale {
  domain: [number, number];
  ticks: number[];
}

const round = (value: number) => Number(value.toPrecision(12));

/** The smallest 1, 2, 2.5 or 5 × 10^k at least `rough`. */
function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const factor = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= rough * (1 - 1e-9)) ?? 10;
  return round(factor * magnitude);
}

/**
 * A linear axis over [min, max] with about `count` intervals at a 1-2-2.5-5 step. `extend`
 * widens the domain to whole steps (value axes); otherwise the domain is [min, max] exactly and
 * the ticks are the step multiples inside it (the step axis, so lines span the full width).
 * `integer` keeps the step at 1 or more.
 */
export function linearScale(min: number, max: number, { count = 5, extend = true, integer = false } = {}): Scale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  const high = max > min ? max : min + (integer ? 1 : Math.abs(min) || 1);
  const step = Math.max(niceStep((high - min) / Math.max(count, 1)), integer ? 1 : 0);
  const first = extend ? Math.floor(min / step + 1e-9) * step : Math.ceil(min / step - 1e-9) * step;
  const last = extend ? Math.ceil(high / step - 1e-9) * step : Math.floor(high / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i++) ticks.push(round(first + i * step));
  return { domain: extend ? [Math.min(round(first), min), Math.max(round(last), high)] : [min, high], ticks };
}

const NICE_FACTORS = [1, 2, 5];
const nice = (decade: number, factor: number) => round(factor * 10 ** decade);

/** A log axis: the tightest 1-2-5 × 10^k bounds around [min, max] (both positive), ticks at 1-2-5 values. */
export function logScale(min: number, max: number): Scale {
  const candidates = (value: number) => {
    const decade = Math.floor(Math.log10(value));
    return [decade - 1, decade, decade + 1].flatMap((d) => NICE_FACTORS.map((factor) => nice(d, factor)));
  };
  const low = Math.max(...candidates(min).filter((tick) => tick <= min));
  const found = Math.min(...candidates(max).filter((tick) => tick >= max));
  const high = found > low ? found : nice(Math.floor(Math.log10(low)) + 1, 1);
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(low)); decade <= Math.ceil(Math.log10(high)); decade++) {
    for (const factor of NICE_FACTORS) {
      const tick = nice(decade, factor);
      if (tick >= low && tick <= high) ticks.push(tick);
    }
  }
  return { domain: [low, high], ticks };
}

/** A lower bound for an accuracy axis in percent: 10 below the lowest value, in steps of 10, from 0 to 90. */
export function accuracyFloor(values: readonly number[]): number {
  let lowest = Infinity;
  for (const value of values) if (Number.isFinite(value) && value < lowest) lowest = value;
  if (lowest === Infinity) return 0;
  return Math.min(Math.max(Math.floor(lowest / 10) * 10 - 10, 0), 90);
}

/** The smallest and largest finite values (Infinity, -Infinity when there are none). */
export function extent(values: Iterable<number | undefined>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value === undefined || !Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}
