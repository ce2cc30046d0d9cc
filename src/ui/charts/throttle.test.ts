// Unit tests of the chart-update throttle (with a fake clock) and of the cost-based interval.
import { describe, expect, it } from 'vitest';
import { createThrottle, updateInterval, type Clock } from './throttle';

/** A manual clock: advance() runs the timers that fall due. */
function fakeClock() {
  let time = 0;
  let timers: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => time,
    setTimeout: (callback, ms) => {
      timers.push({ at: time + ms, callback, id: nextId });
      return nextId++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = time + ms;
    for (let due = timers.find((t) => t.at <= end); due; due = timers.find((t) => t.at <= end)) {
      timers = timers.filter((t) => t !== due);
      time = due.at;
      due.callback();
    }
    time = end;
  };
  return { clock, advance, pendingTimers: () => timers.length };
}

describe('createThrottle', () => {
  it('emits the first value at once, then the newest at most once per interval', () => {
    const { clock, advance } = fakeClock();
    const emitted: Array<[number, number]> = [];
    const throttle = createThrottle<number>((value) => emitted.push([clock.now(), value]), () => 500, clock);
    throttle.push(1);
    for (let t = 1; t <= 12; t++) {
      advance(100);
      throttle.push(1 + t);
    }
    advance(1000);
    expect(emitted).toEqual([[0, 1], [500, 5], [1000, 10], [1500, 13]]);
  });
  it('emits an urgent value at once and drops the pending one', () => {
    const { clock, advance, pendingTimers } = fakeClock();
    const emitted: number[] = [];
    const throttle = createThrottle<number>((value) => emitted.push(value), () => 500, clock);
    throttle.push(1);
    advance(100);
    throttle.push(2);
    throttle.push(3, true);
    expect(emitted).toEqual([1, 3]);
    expect(pendingTimers()).toBe(0);
    advance(1000);
    expect(emitted).toEqual([1, 3]);
  });
  it('emits nothing after cancel', () => {
    const { clock, advance } = fakeClock();
    const emitted: number[] = [];
    const throttle = createThrottle<number>((value) => emitted.push(value), () => 500, clock);
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    advance(1000);
    expect(emitted).toEqual([1]);
  });
  it('reads the interval at each push', () => {
    const { clock, advance } = fakeClock();
    let interval = 500;
    const emitted: number[] = [];
    const throttle = createThrottle<number>(() => emitted.push(clock.now()), () => interval, clock);
    throttle.push(1);
    interval = 2000;
    advance(600);
    throttle.push(2);
    advance(1000);
    expect(emitted).toEqual([0]);
    advance(400);
    expect(emitted).toEqual([0, 2000]);
  });
});

describe('updateInterval', () => {
  it('keeps chart updates to a tenth of the time, between 0.5 s and 3 s', () => {
    expect(updateInterval(0)).toBe(500);
    expect(updateInterval(20)).toBe(500);
    expect(updateInterval(120)).toBe(1200);
    expect(updateInterval(1000)).toBe(3000);
    expect(updateInterval(NaN)).toBe(500);
    expect(updateInterval(-5)).toBe(500);
  });
});
