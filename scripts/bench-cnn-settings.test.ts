// bench:cnn's command line: its stated defaults, overrides, refusals, and the Trainer configuration they make.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../src/store/presets';
import { cnnTrainerConfig, describeCnnRun, formatEpoch, parseCnnRun } from './bench-cnn-settings';

describe('bench:cnn settings', () => {
  it('default to ConvNet, Adam 2e-3 cosine to 0, batch 128, 3 epochs of all 60,000 images, no expectation', () => {
    const run = parseCnnRun([]);
    expect(run).toEqual({ preset: 'convnet', epochs: 3, batch: 128, learningRate: 2e-3, schedule: { kind: 'cosine', minFactor: 0 }, trainImages: 60_000 });
    expect(describeCnnRun(run)).toBe('ConvNet (as in the jax-js demo), Adam lr 0.002 cosine to 0, batch 128, 3 epochs of 60,000 images, seed 1');
  });

  it('take overrides and an expectation', () => {
    const run = parseCnnRun(['--preset', 'lenet5', '--epochs', '1', '--lr', '0.001', '--schedule', 'constant', '--images', '6000', '--expect', '0.99']);
    expect(run).toEqual({ preset: 'lenet5', epochs: 1, batch: 128, learningRate: 1e-3, schedule: { kind: 'constant' }, trainImages: 6000, expect: 0.99 });
    const config = cnnTrainerConfig(run);
    expect(config.spec).toBe(PRESETS.lenet5.spec);
    expect(config).toMatchObject({ optimizer: 'adam', trainImages: 6000, settings: { batchSize: 128, epochs: 1, schedule: { kind: 'constant' } } });
    expect(config.settings.hyperparameters.learningRate).toBe(1e-3);
  });

  it('refuse what they cannot run', () => {
    expect(() => parseCnnRun(['--preset', 'classic'])).toThrow(/--preset/);
    expect(() => parseCnnRun(['--epochs', '0'])).toThrow(/--epochs 0/);
    expect(() => parseCnnRun(['--expect', '99'])).toThrow(/--expect 99/);
    expect(() => parseCnnRun(['--schedule', 'step'])).toThrow(/--schedule/);
    expect(() => parseCnnRun(['--speed'])).toThrow();
  });

  it('print an epoch’s line', () => {
    expect(formatEpoch(2, { accuracy: 0.99021, loss: 0.03012 }, 0.04123, 512_000, 60_000, 1_024_000)).toBe('epoch 2: test accuracy 99.02% (loss 0.0301), train loss 0.0412, 512 s (117 samples/s), 1024 s in all');
  });
});
