// Pure throttling for chart updates: the newest value at most once per interval, and an interval that grows with render cost.

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttle<T> {
  /** Offer a new value: emitted now if the interval has passed (or urgent), else the newest is emitted when it does. */
  push(value: T, urgent?: boolean): void;
  /** Drop a pending value and its timer. */
  cancel(): void;
}

/**
 * Leading and trailing throttle: the first value goes out at once, later ones at most once
 * per interval, and the last value pushed always goes out. The interval is read at each push,
 * so it can adapt.
 */
export function createThrottle<T>(emit: (value: T) => void, interval: () => number, clock: Clock = browserClock): Throttle<T> {
  let lastEmit = -Infinity;
  let timer: unknown = null;
  let pending: { value: T } | null = null;

  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastEmit = clock.now();
    emit(value);
  };
  const cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    pending = null;
  };

  return {
    push(value, urgent = false) {
      pending = { value };
      const wait = lastEmit + interval() - clock.now();
      if (urgent || wait <= 0) {
        if (timer !== null) clock.clearTimeout(timer);
        flush();
      } else if (timer === null) {
        timer = clock.setTimeout(flush, wait);
      }
    },
    cancel,
  };
}

export interface IntervalPolicy {
  minMs: number;
  maxMs: number;
  /** The share of main-thread time chart updates may take. */
  share: number;
}

export const CHART_UPDATES: IntervalPolicy = { minMs: 500, maxMs: 3000, share: 0.1 };

/** How long to wait between chart updates when one update costs costMs of main-thread time. */
export function updateInterval(costMs: number, policy: IntervalPolicy = CHART_UPDATES): number {
  const wanted = Number.isFinite(costMs) && costMs > 0 ? costMs / policy.share : 0;
  return Math.min(Math.max(wanted, policy.minMs), policy.maxMs);
}
