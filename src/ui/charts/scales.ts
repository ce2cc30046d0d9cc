// Axis domains and tick values computed here, so recharts skips its own (slow, decimal.js-based) nice-tick search on every update.

export interface Scale {
  domain: [number, number];
  ticks: number[];
}

const round = (value: number) => Number(value.toPrecision(12));

/**
 * The smallest 1, 2, 2.5 or 5 × 10^k at least `rough`. Below 0.0025 a 2.5 step is skipped: its
 * ticks (1.25e-3) would not fit the 6 characters a tick label gets.
 */
function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const factors = magnitude >= 1e-3 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const factor = factors.find((f) => f * magnitude >= rough * (1 - 1e-9)) ?? 10;
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
/** A log axis gets at most this many ticks: 1-2-5 ticks while they fit, else every decade or every few. */
const MAX_LOG_TICKS = 10;
const nice = (decade: number, factor: number) => round(factor * 10 ** decade);

/** A log axis: the tightest 1-2-5 × 10^k bounds around [min, max] (both positive), ticks at 1-2-5 values or at decades. */
export function logScale(min: number, max: number): Scale {
  const candidates = (value: number) => {
    const decade = Math.floor(Math.log10(value));
    return [decade - 1, decade, decade + 1].flatMap((d) => NICE_FACTORS.map((factor) => nice(d, factor)));
  };
  const low = Math.max(...candidates(min).filter((tick) => tick <= min));
  const found = Math.min(...candidates(max).filter((tick) => tick >= max));
  const high = found > low ? found : nice(Math.floor(Math.log10(low)) + 1, 1);
  const decades: number[] = [];
  for (let decade = Math.floor(Math.log10(low)); decade <= Math.ceil(Math.log10(high)); decade++) decades.push(decade);
  const inside = (tick: number) => tick >= low && tick <= high;
  const ticks = decades.flatMap((decade) => NICE_FACTORS.map((factor) => nice(decade, factor))).filter(inside);
  if (ticks.length <= MAX_LOG_TICKS) return { domain: [low, high], ticks };
  const stride = Math.ceil(decades.length / MAX_LOG_TICKS);
  return { domain: [low, high], ticks: decades.filter((decade) => decade % stride === 0).map((decade) => nice(decade, 1)).filter(inside) };
}

/** The loss axis turns logarithmic by itself once the positive values span more than this factor. */
export const AUTO_LOG_RATIO = 100;

/** Whether the positive finite values span more than AUTO_LOG_RATIO (a linear axis would flatten the small ones). */
export function spansLogRange(values: Iterable<number | undefined>): boolean {
  const [low, high] = extent(positive(values));
  return low <= high && high / low > AUTO_LOG_RATIO;
}

function* positive(values: Iterable<number | undefined>) {
  for (const value of values) if (value !== undefined && value > 0) yield value;
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
