// Unit tier: the CPU side of prediction — softmax, input checks, and building the predictor once, lazily.
import { describe, expect, it } from 'vitest';
import { checkPixels, lazyPredictor, softmax, type Predictor } from './predictor';

/** A stand-in build that counts builds and disposals and answers with fixed probabilities. */
function fakeBuild() {
  const counts = { builds: 0, disposed: 0, predictions: 0 };
  let fail = false;
  const build = async (): Promise<Predictor> => {
    counts.builds++;
    await Promise.resolve();
    if (fail) throw new Error('no device');
    return {
      predict: async () => (counts.predictions++, Float32Array.of(1)),
      dispose: () => void counts.disposed++,
    };
  };
  return { build, counts, failNext: (value: boolean) => (fail = value) };
}

const image = () => new Float32Array(784);

describe('softmax', () => {
  it('sums to 1 and keeps the order of the logits', () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[2]).toBeGreaterThan(p[1]!);
    expect(p[0]).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 6);
  });

  it('does not overflow on large logits (the max is subtracted)', () => {
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
    expect(Array.from(softmax([-1000, 0]))).toEqual([0, 1]);
  });
});

describe('checkPixels', () => {
  it('accepts 784 finite values and refuses other lengths and NaN or infinity, naming the pixels', () => {
    expect(() => checkPixels(image())).not.toThrow();
    expect(() => checkPixels(new Float32Array(10))).toThrow(RangeError);
    expect(() => checkPixels(new Float32Array(10))).toThrow('pixels must hold 784 values (28×28), got 10');
    const bad = image();
    bad[3] = Number.POSITIVE_INFINITY;
    expect(() => checkPixels(bad)).toThrow('pixels must be finite numbers, got Infinity at index 3');
  });
});

describe('lazyPredictor', () => {
  it('builds nothing until the first prediction, then once, even for predictions at the same time', async () => {
    const { build, counts } = fakeBuild();
    const predictor = lazyPredictor(build);
    expect(counts.builds).toBe(0);
    await Promise.all([predictor.predict(image()), predictor.predict(image())]);
    await predictor.predict(image());
    expect(counts).toEqual({ builds: 1, disposed: 0, predictions: 3 });
  });

  it('checks the input before building', async () => {
    const { build, counts } = fakeBuild();
    await expect(lazyPredictor(build).predict(new Float32Array(3))).rejects.toThrow(RangeError);
    expect(counts.builds).toBe(0);
  });

  it('tries the build again after a failure', async () => {
    const { build, counts, failNext } = fakeBuild();
    const predictor = lazyPredictor(build);
    failNext(true);
    await expect(predictor.predict(image())).rejects.toThrow('no device');
    failNext(false);
    await predictor.predict(image());
    expect(counts.builds).toBe(2);
  });

  it('frees a built predictor on dispose, and one still building when it is done; refuses later predictions', async () => {
    const built = fakeBuild();
    const first = lazyPredictor(built.build);
    await first.predict(image());
    first.dispose();
    expect(built.counts.disposed).toBe(1);
    await expect(first.predict(image())).rejects.toThrow(/replaced or freed/);

    const building = fakeBuild();
    const second = lazyPredictor(building.build);
    const pending = second.predict(image());
    second.dispose();
    await expect(pending).rejects.toThrow(/replaced or freed/);
    expect(building.counts).toEqual({ builds: 1, disposed: 1, predictions: 0 });
  });
});
