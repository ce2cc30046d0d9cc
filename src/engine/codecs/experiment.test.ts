// unit: the experiment schema — valid experiments pass unchanged; each bad field is refused with its path named.
import { describe, expect, it } from 'vitest';
import { formatPath, parseExperiment } from './experiment';
import { classicExperiment, cloneJson, expectPrototypeUntouched, prototypeKeys } from './test-fixtures';

type Json = Record<string, unknown>;
/** The classic experiment with `edit` applied to a deep copy. */
const edited = (edit: (experiment: Json & { settings: Json & { hyperparameters: Json; schedule: Json }; spec: { layers: Json[] } }) => void): unknown => {
  const copy = cloneJson(classicExperiment) as never;
  edit(copy);
  return copy;
};

describe('parseExperiment', () => {
  it('accepts a valid experiment and returns an equal, fresh object', () => {
    const result = parseExperiment(cloneJson(classicExperiment));
    expect(result).toEqual({ ok: true, experiment: classicExperiment });
  });

  it('accepts every schedule kind and the range ends', () => {
    for (const schedule of [{ kind: 'constant' }, { kind: 'cosine', minFactor: 0 }, { kind: 'step', everyEpochs: 1000, factor: 1 }]) {
      expect(parseExperiment(edited((e) => (e.settings.schedule = schedule))).ok).toBe(true);
    }
    expect(parseExperiment(edited((e) => Object.assign(e, { seed: 2 ** 32 - 1, trainImages: 128 }))).ok).toBe(true);
    expect(parseExperiment(edited((e) => Object.assign(e.settings, { batchSize: 100, epochs: 1000 }))).ok).toBe(true);
  });

  it.each([
    ['batch size too large', edited((e) => (e.settings.batchSize = 4097)), 'settings.batchSize: must be at most 4096'],
    ['batch size zero', edited((e) => (e.settings.batchSize = 0)), 'settings.batchSize: must be at least 1'],
    ['fractional batch size', edited((e) => (e.settings.batchSize = 1.5)), 'settings.batchSize: must be a whole number'],
    ['batch larger than the training images', edited((e) => Object.assign(e, { trainImages: 100 })), 'settings.batchSize: must be at most the 100 training images (trainImages)'],
    ['batch size as text', edited((e) => (e.settings.batchSize = '128')), 'settings.batchSize: must be a number'],
    ['NaN seed', edited((e) => (e.seed = Number.NaN)), 'seed: must be a finite number'],
    ['infinite learning rate', edited((e) => (e.settings.hyperparameters.learningRate = Infinity)), 'settings.hyperparameters.learningRate: must be a finite number'],
    ['zero learning rate', edited((e) => (e.settings.hyperparameters.learningRate = 0)), 'settings.hyperparameters.learningRate: must be greater than 0'],
    ['learning rate above 10', edited((e) => (e.settings.hyperparameters.learningRate = 10.5)), 'settings.hyperparameters.learningRate: must be at most 10'],
    ['beta2 of 1', edited((e) => (e.settings.hyperparameters.beta2 = 1)), 'settings.hyperparameters.beta2: must be less than 1'],
    ['negative momentum', edited((e) => (e.settings.hyperparameters.momentum = -0.1)), 'settings.hyperparameters.momentum: must be at least 0'],
    ['zero epsilon', edited((e) => (e.settings.hyperparameters.epsilon = 0)), 'settings.hyperparameters.epsilon: must be greater than 0'],
    ['weight decay above 1', edited((e) => (e.settings.hyperparameters.weightDecay = 2)), 'settings.hyperparameters.weightDecay: must be at most 1'],
    ['huge gradient clip', edited((e) => (e.settings.hyperparameters.maxGradNorm = 1e7)), 'settings.hyperparameters.maxGradNorm: must be at most 1000000'],
    ['negative seed', edited((e) => (e.seed = -1)), 'seed: must be at least 0'],
    ['seed of 2³²', edited((e) => (e.seed = 2 ** 32)), 'seed: must be at most 4294967295'],
    ['99 training images', edited((e) => (e.trainImages = 99)), 'trainImages: must be at least 100'],
    ['60,001 training images', edited((e) => (e.trainImages = 60_001)), 'trainImages: must be at most 60000'],
    ['0 epochs', edited((e) => (e.settings.epochs = 0)), 'settings.epochs: must be at least 1'],
    ['1001 epochs', edited((e) => (e.settings.epochs = 1001)), 'settings.epochs: must be at most 1000'],
    ['an unknown optimizer', edited((e) => (e.optimizer = 'lbfgs')), 'optimizer: must be one of "sgd", "momentum", "nesterov", "adam", "adamw"'],
    ['a missing optimizer', edited((e) => delete e.optimizer), 'optimizer: is missing'],
    ['a missing hyperparameter', edited((e) => delete e.settings.hyperparameters.beta1), 'settings.hyperparameters.beta1: is missing'],
    ['an unknown schedule', edited((e) => (e.settings.schedule = { kind: 'warmup' })), 'settings.schedule.kind: must be one of "constant", "step", "cosine"'],
    ['a step factor of 0', edited((e) => (e.settings.schedule = { kind: 'step', everyEpochs: 1, factor: 0 })), 'settings.schedule.factor: must be greater than 0'],
    ['a step of 0 epochs', edited((e) => (e.settings.schedule = { kind: 'step', everyEpochs: 0, factor: 0.5 })), 'settings.schedule.everyEpochs: must be at least 1'],
    ['a cosine floor above 1', edited((e) => (e.settings.schedule = { kind: 'cosine', minFactor: 1.5 })), 'settings.schedule.minFactor: must be at most 1'],
    ['a schedule field from another kind', edited((e) => (e.settings.schedule = { kind: 'constant', factor: 0.5 })), 'settings.schedule: unknown field "factor"'],
    ['an unknown top-level field', edited((e) => (e.extra = 1)), 'experiment: unknown field "extra"'],
    ['an unknown settings field', edited((e) => (e.settings.momentum = 0.9)), 'settings: unknown field "momentum"'],
    ['many unknown fields', edited((e) => Object.assign(e, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])))), 'experiment: unknown fields "k0", "k1", "k2" and 7 more'],
    ['a very long unknown field', edited((e) => (e['x'.repeat(100)] = 1)), `experiment: unknown field "${'x'.repeat(40)}…"`],
    ['units above the limit', edited((e) => (e.spec.layers[2]!.units = 5000)), 'spec.layers[2].units: units must be at most 4096'],
    ['0 units', edited((e) => (e.spec.layers[0]!.units = 0)), 'spec.layers[0].units: units must be at least 1'],
    ['an array instead of an object', [classicExperiment], 'experiment: must be an object'],
    ['null', null, 'experiment: must be an object'],
    ['nothing', undefined, 'experiment: is missing'],
  ])('refuses %s: "%s"', (_, input, message) => {
    const result = parseExperiment(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.split(' (and ')[0]).toBe(message);
  });

  it('counts the problems after the first', () => {
    const result = parseExperiment(edited((e) => Object.assign(e, { seed: -1, trainImages: 60_001 })));
    expect(result).toEqual({ ok: false, error: 'seed: must be at least 0 (and 1 more problem)' });
  });

  describe('prototype keys and values', () => {
    const hostileNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

    it.each(hostileNames)('refuses %s as an enum value anywhere', (name) => {
      const before = prototypeKeys();
      for (const input of [
        edited((e) => (e.optimizer = name)),
        edited((e) => (e.spec.layers[0]!.activation = name)),
        edited((e) => (e.spec.layers[0]!.init = name)),
        edited((e) => (e.spec.layers[0]!.kind = name)),
        edited((e) => (e.settings.schedule = { kind: name })),
      ]) {
        const result = parseExperiment(input);
        expect(result.ok).toBe(false);
      }
      expectPrototypeUntouched(before);
    });

    it.each(hostileNames)('refuses %s as a key at every level, without touching Object.prototype', (name) => {
      const before = prototypeKeys();
      const json = JSON.stringify(classicExperiment);
      const inject = (marker: string) => JSON.parse(json.replace(marker, `${marker}"${name}":{"polluted":true},`));
      for (const [marker, path] of [
        ['{', 'experiment'],
        ['"settings":{', 'settings'],
        ['"hyperparameters":{', 'settings.hyperparameters'],
        ['"schedule":{', 'settings.schedule'],
        ['"spec":{', 'spec'],
        ['"layers":[{', 'spec.layers[0]'],
      ] as const) {
        expect(parseExperiment(inject(marker))).toEqual({ ok: false, error: `${path}: unknown field "${name}"` });
      }
      expectPrototypeUntouched(before);
    });
  });
});

describe('formatPath', () => {
  it('writes keys with dots and indices in brackets', () => {
    expect(formatPath(['spec', 'layers', 2, 'units'])).toBe('spec.layers[2].units');
    expect(formatPath([])).toBe('');
  });
});
