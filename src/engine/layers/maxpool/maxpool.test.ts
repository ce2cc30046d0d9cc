// unit: the MaxPool and Flatten kinds — shapes and their messages, the winners and gradients of the reference, the PyTorch form.
import { describe, expect, it } from 'vitest';
import { expectGradientsMatchDifferences, placeAt } from '../../../../tests/fixtures/gradcheck';
import { torchSequentialSource } from '../../codecs/torch-modules';
import { FLATTEN } from '../flatten';
import { MAXPOOL, type MaxPoolLayerSpec } from '.';

const pool = (size: number, stride: MaxPoolLayerSpec['stride'] = 'size'): MaxPoolLayerSpec => ({ kind: 'maxpool', size, stride });

describe('MaxPool shapes', () => {
  it.each([
    [pool(2), [24, 24, 24], [12, 12, 24]],
    [pool(2), [5, 7, 3], [2, 3, 3]],
    [pool(3), [7, 7, 1], [2, 2, 1]],
    [pool(3, '2'), [7, 8, 2], [3, 3, 2]],
    [pool(2, '1'), [3, 3, 1], [2, 2, 1]],
  ] as const)('%o on %o gives %o', (layer, input, output) => {
    expect(MAXPOOL.outputShape(layer, input)).toEqual({ ok: true, shape: output });
  });

  it('says why a shape cannot flow, and names itself with its stride when that is not its size', () => {
    expect(MAXPOOL.outputShape(pool(3), [2, 2, 4])).toEqual({ ok: false, message: 'a 3×3 pool needs at least 3×3 input; it gets 2×2' });
    expect(MAXPOOL.outputShape(pool(2), [64])).toEqual({ ok: false, message: 'a 2×2 pool needs an image-shaped input (height×width×channels); it gets 64 values' });
    expect([MAXPOOL.name(pool(2), 'hidden'), MAXPOOL.name(pool(3, '2'), 'hidden'), MAXPOOL.name(pool(2, '2'), 'hidden')]).toEqual(['MaxPool 2×2', 'MaxPool 3×3 /2', 'MaxPool 2×2']);
  });
});

describe('MaxPool float64 reference', () => {
  it('keeps the largest value of each window, the first of equal ones, and hands its gradient back to it alone', () => {
    const layer = pool(2);
    const place = placeAt(MAXPOOL, layer, [2, 4, 1]);
    const x = Float64Array.of(1, 5, 2, 2, 3, 0, 2, 1); // 2×4: windows [1 5 / 3 0] and [2 2 / 2 1]
    const { y, tape } = MAXPOOL.reference.forward(layer, { place, batch: 1, x, params: [], offsets: [] });
    expect([...y]).toEqual([5, 2]);
    expect([...MAXPOOL.reference.backward(tape!, Float64Array.of(10, 20), { batch: 1, params: [], grads: new Float64Array() })]).toEqual([0, 10, 20, 0, 0, 0, 0, 0]);
  });

  it.each([
    ['2×2', pool(2), [5, 4, 2]],
    ['3×3 stride 2 (overlapping)', pool(3, '2'), [7, 5, 2]],
    ['2×2 stride 1 (overlapping)', pool(2, '1'), [3, 4, 3]],
    ['3×3 stride 3', pool(3, '3'), [6, 7, 1]],
  ] as const)('%s: backward matches central differences', (_, layer, input) => {
    expectGradientsMatchDifferences(MAXPOOL, layer, input, 3);
  });
});

describe('Flatten', () => {
  it('lays an image out flat and passes values and gradients through unchanged', () => {
    expect(FLATTEN.outputShape(FLATTEN.defaults, [5, 5, 32])).toEqual({ ok: true, shape: [800] });
    expect(FLATTEN.outputShape(FLATTEN.defaults, [10])).toEqual({ ok: true, shape: [10] });
    expectGradientsMatchDifferences(FLATTEN, FLATTEN.defaults, [3, 2, 2], 2);
  });

  it('is nn.Flatten() in PyTorch, after which a Linear needs nothing more', () => {
    const spec = { layers: [pool(2, '2'), FLATTEN.defaults, { kind: 'dropout', rate: 0.5 } as const] };
    expect(torchSequentialSource(spec).split('\n').slice(3, -1)).toEqual([
      '    nn.Unflatten(1, (1, 28, 28)),  # 0',
      '    nn.MaxPool2d(2, stride=2),  # 1',
      '    nn.Flatten(),  # 2',
      '    nn.Dropout(p=0.5),  # 3',
      '    nn.Linear(196, 10),  # 4',
    ]);
  });
});
