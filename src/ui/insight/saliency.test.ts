// Unit tier: saliency colours — signed shows direction, magnitude only strength, gradient × input silences blank pixels.
import { describe, expect, it } from 'vitest';
import { divergingColour, sequentialColour } from './color-scales';
import { saliencyColours, saliencyValues } from './saliency';

const SALIENCY = Float32Array.of(-2, 1, 0.5);
const PIXELS = Float32Array.of(1, 0, 0.5);

describe('saliencyValues', () => {
  it('is the gradient, or the gradient times the pixel', () => {
    expect(Array.from(saliencyValues(SALIENCY, PIXELS, false))).toEqual([-2, 1, 0.5]);
    expect(Array.from(saliencyValues(SALIENCY, PIXELS, true))).toEqual([-2, 0, 0.25]);
  });
});

describe('saliencyColours', () => {
  it('signed: the strongest pixel reaches the end of the blue–white–red scale on its side', () => {
    expect(saliencyColours(SALIENCY, PIXELS, { mode: 'signed', timesInput: false })).toEqual([divergingColour(-1), divergingColour(0.5), divergingColour(0.25)]);
  });

  it('magnitude: the same strength either way gets the same colour', () => {
    const colours = saliencyColours(Float32Array.of(-1, 1, 0), PIXELS, { mode: 'magnitude', timesInput: false });
    expect(colours).toEqual([sequentialColour(1), sequentialColour(1), sequentialColour(0)]);
  });

  it('gradient × input: a pixel without ink shows nothing', () => {
    const colours = saliencyColours(SALIENCY, PIXELS, { mode: 'magnitude', timesInput: true });
    expect(colours[1]).toEqual(sequentialColour(0));
    expect(colours[0]).toEqual(sequentialColour(1));
  });
});
