// Unit tier: a layer's view follows its shape (strip or channel maps), each map is its channel's plane, colours follow sign.
import { describe, expect, it } from 'vitest';
import { divergingColour, sequentialColour } from './color-scales';
import { activationColours, layerGrid, layerImage, layerLayout } from './layer-view';

describe('layerLayout', () => {
  it('shows [units] as a strip and [height, width, channels] as maps', () => {
    expect(layerLayout([128])).toEqual({ kind: 'units', count: 128 });
    expect(layerLayout([14, 14, 8])).toEqual({ kind: 'maps', height: 14, width: 14, channels: 8 });
    expect(layerLayout([4, 5])).toEqual({ kind: 'units', count: 20 });
  });
});

describe('layerGrid and layerImage', () => {
  it('lays units out as touching 1×1 cells, 32 a row', () => {
    expect(layerGrid({ kind: 'units', count: 128 })).toEqual({ count: 128, tileWidth: 1, tileHeight: 1, columns: 32, gap: 0 });
    const image = layerImage({ kind: 'units', count: 3 }, [0, 1, 2]);
    expect([image.width, image.height]).toEqual([3, 1]);
    expect(Array.from(image.data.subarray(8, 12))).toEqual([...sequentialColour(1), 255]);
  });

  it('draws each channel of [height, width, channels] as its own map, from its channel-major plane', () => {
    // 1×2 pixels, 3 channels, stored plane by plane: channel c pixel p holds 10p + c; channel 1 is [1, 11].
    const layout = { kind: 'maps', height: 1, width: 2, channels: 3 } as const;
    const values = [0, 10, 1, 11, 2, 12];
    expect(layerGrid(layout)).toEqual({ count: 3, tileWidth: 2, tileHeight: 1, columns: 3, gap: 1 });
    const image = layerImage(layout, values);
    const colour = activationColours(values);
    // Channel 1's map starts after channel 0's two pixels and a gap: x = 3, 4.
    expect(Array.from(image.data.subarray(3 * 4, 5 * 4))).toEqual([...colour(1), 255, ...colour(11), 255]);
  });
});

describe('activationColours', () => {
  it('uses viridis up to the largest value when none is negative', () => {
    const colour = activationColours([0, 2, 4]);
    expect(colour(0)).toEqual(sequentialColour(0));
    expect(colour(4)).toEqual(sequentialColour(1));
  });

  it('uses blue–white–red around zero when some are negative', () => {
    const colour = activationColours([-2, 1]);
    expect(colour(-2)).toEqual(divergingColour(-1));
    expect(colour(0)).toEqual(divergingColour(0));
    expect(colour(1)).toEqual(divergingColour(0.5));
  });

  it('copes with a layer of zeros', () => {
    expect(activationColours([0, 0])(0)).toEqual(sequentialColour(0));
  });
});
