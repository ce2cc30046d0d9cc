// gpu tier: first-layer weight images read from the flat parameters — each tile value is the weight the layout places there (Dense, Conv2D).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestGpu } from '../../../tests/gpu/context';
import { testGpuWithMnist } from '../../../tests/gpu/mnist';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import type { GpuDataset } from '../gpu/dataset';
import type { ModelSpec } from '../model/spec';
import { Trainer } from '../train/trainer';
import { MAX_WEIGHT_IMAGES } from './types';

const config = (spec: ModelSpec) => adamExperiment(spec, { seed: 4, trainImages: 2000, batchSize: 40, learningRate: 2e-3, epochs: 1 });

describe('weight images', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  const cases: [description: string, spec: ModelSpec, layer: number, name: string, units: number][] = [
    ['Dense 20 relu after a dropout', { layers: [{ kind: 'dropout', rate: 0.3 }, { kind: 'dense', units: 20, activation: 'relu', init: 'he' }] }, 1, 'Dense 20 relu', 20],
    [`Dense 300 tanh (more than ${MAX_WEIGHT_IMAGES} units)`, { layers: [{ kind: 'dense', units: 300, activation: 'tanh', init: 'glorot' }] }, 0, 'Dense 300 tanh', 300],
    ['the output layer of a network without hidden layers', { layers: [] }, 0, 'Output 10 softmax', 10],
  ];
  it.each(cases)('are the tiles of W [784, units] of %s, W[28·y + x, u] at (y, x) of tile u, at the trained step', async (_, spec, layer, name, units) => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(spec), () => {});
    await trainer.runSteps(6);
    const images = await trainer.readWeightImages();
    const weights = await trainer.readWeights();
    const { offset } = trainer.model.layout.layers[0]!.tensors[0]!;
    const count = Math.min(units, MAX_WEIGHT_IMAGES);
    expect(images).toMatchObject({ layer, name, units, unitName: 'unit', count, height: 28, width: 28, step: 6 });
    const expected = Float32Array.from({ length: count * 784 }, (_, i) => weights[offset + (i % 784) * units + Math.floor(i / 784)]!);
    expect(images.values).toEqual(expected);
    trainer.dispose();
    await expect(trainer.readWeightImages()).rejects.toThrow('This model was replaced or freed, so it has no weights to show.');
  });

  it('are the k×k tiles of a first Conv2D layer, W[0, y, x, f] at (y, x) of tile f, named as filters', async () => {
    const conv = { kind: 'conv2d', filters: 6, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu', init: 'he' } as const;
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config({ layers: [{ kind: 'maxpool', size: 2, stride: 'size' }, conv] }), () => {});
    await trainer.runSteps(2);
    const images = await trainer.readWeightImages();
    const weights = await trainer.readWeights();
    const { offset } = trainer.model.layout.layers[0]!.tensors[0]!;
    expect(images).toMatchObject({ layer: 1, name: 'Conv2D 6 5×5 valid relu', units: 6, unitName: 'filter', count: 6, height: 5, width: 5, step: 2 });
    expect(images.values).toEqual(Float32Array.from({ length: 6 * 25 }, (_, i) => weights[offset + (i % 25) * 6 + Math.floor(i / 25)]!));
    trainer.dispose();
  });
});
