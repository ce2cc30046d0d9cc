// unit: the collapse detector on constructed series — a loss blow-up, a network stuck at chance — and on healthy ones it must pass.
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { CollapseDetector, type Collapse, type MetricsWindow } from './collapse';

const CLASSES = 10;

/** Windows of `steps` steps up to `lastStep`, with the loss and accuracy at each window's end step. */
function series(lastStep: number, figures: (step: number) => { loss: number; accuracy: number }, steps = 8): MetricsWindow[] {
  return Array.from({ length: Math.floor(lastStep / steps) }, (_, i) => ({ step: (i + 1) * steps, steps, ...figures((i + 1) * steps) }));
}

/** Every collapse the detector reports over the windows, with the window it came at. */
function collapses(windows: readonly MetricsWindow[]): Collapse[] {
  const detector = new CollapseDetector(CLASSES);
  return windows.flatMap((window) => detector.observe(window) ?? []);
}

/** A healthy-looking run: the loss falls from ln 10 towards 0.02 with ±40% noise per window, accuracy climbs from 10%. */
function healthy(seed: number, lastStep = 3000) {
  const rng = createRng(seed);
  return series(lastStep, (step) => {
    const clean = 0.02 + (Math.log(10) - 0.02) * Math.exp(-step / 150);
    return { loss: clean * (0.6 + 0.8 * rng.next()), accuracy: Math.min(0.99, 1 - 0.9 * Math.exp(-step / 100)) };
  });
}

describe('CollapseDetector', () => {
  it('catches a loss that blows up after a first good window (2.2 → millions), once, with its best, its peak and the step', () => {
    const windows = series(400, (step) => (step <= 8 ? { loss: 2.2, accuracy: 0.1 } : { loss: 3e6 + step, accuracy: 0.098 }));
    const found = collapses(windows);
    expect(found).toEqual([{ kind: 'loss-grew', step: 24, peak: { loss: 3e6 + 24, step: 24 }, best: { loss: 2.2, step: 8 } }]);
  });

  it('looks unhealthy as soon as the smoothed loss has blown up, before the warm-up lets it fire, and healthy on a healthy run', () => {
    const detector = new CollapseDetector(CLASSES);
    expect(detector.looksHealthy).toBe(true);
    expect(detector.observe({ step: 8, steps: 8, loss: 1.8e4, accuracy: 0.1 })).toBeUndefined();
    expect(detector.looksHealthy).toBe(false);
    const watching = new CollapseDetector(CLASSES);
    healthy(7).forEach((window) => watching.observe(window));
    expect(watching.looksHealthy).toBe(true);
  });

  it('catches a loss that is huge from the first window on, though it falls back towards chance (Adam at learning rate 10)', () => {
    // Measured on MNIST, 784-32-10, batch 50: 1.8e4, 17, 27, 37, 5.7, 4.3, 3.1 … with accuracy about 10%.
    const losses = [1.8e4, 17, 27, 37, 5.7, 4.3, 3.1, 2.9, 2.6, 2.6];
    const windows = losses.map((loss, i) => ({ step: 8 * (i + 1), steps: 8, loss, accuracy: 0.1 }));
    expect(collapses(windows)).toEqual([{ kind: 'loss-grew', step: 24, peak: { loss: 1.8e4, step: 8 } }]);
  });

  it('catches a trained run whose loss climbs back past chance level, after its warm-up', () => {
    const windows = series(1200, (step) => ({ loss: step < 800 ? 0.3 : 40, accuracy: step < 800 ? 0.9 : 0.1 }));
    const [found] = collapses(windows);
    expect(found).toMatchObject({ kind: 'loss-grew', best: { loss: expect.closeTo(0.3, 9), step: 8 }, peak: { loss: 40, step: 800 } });
    expect(found!.step).toBeGreaterThanOrEqual(800);
    expect(found!.step).toBeLessThan(840);
  });

  it('catches a network stuck at chance with the loss of a uniform guess (dead units), after 200 steps and not before', () => {
    const windows = series(400, () => ({ loss: 2.3, accuracy: 0.11 }), 1);
    const [found] = collapses(windows);
    expect(found).toMatchObject({ kind: 'at-chance', step: 200, loss: expect.closeTo(2.3, 9), accuracy: expect.closeTo(0.11, 9) });
  });

  it('does not fire on healthy runs with noisy windows, single-step windows or a spike that recovers', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(collapses(healthy(seed))).toEqual([]);
    const stepped = series(600, (step) => ({ loss: 2.3 * Math.exp(-step / 100) + 0.05, accuracy: 0.95 - 0.85 * Math.exp(-step / 80) }), 1);
    expect(collapses(stepped)).toEqual([]);
    const spiked = healthy(6).map((window) => (window.step >= 1000 && window.step < 1016 ? { ...window, loss: 6, accuracy: 0.3 } : window));
    expect(collapses(spiked)).toEqual([]);
  });

  it('does not fire when a tiny late loss grows tenfold but stays far below chance level', () => {
    const windows = series(2000, (step) => ({ loss: step < 1000 ? 0.001 : 0.05, accuracy: 0.99 }));
    expect(collapses(windows)).toEqual([]);
  });

  it('does not fire on a slow start that stays above chance accuracy', () => {
    const windows = series(600, (step) => ({ loss: 2.4 - step / 1000, accuracy: 0.1 + step / 2000 }));
    expect(collapses(windows)).toEqual([]);
  });
});
