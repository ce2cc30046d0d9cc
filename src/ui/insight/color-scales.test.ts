// Unit tier: the colour scales' endpoints, their lightness (monotone, or rising to white and back), and readable text on them.
import { describe, expect, it } from 'vitest';
import { divergingColour, lightness, sequentialColour, textColourOn } from './color-scales';

const samples = (from: number, to: number, count = 101) => Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));

describe('sequentialColour', () => {
  it('runs from viridis dark purple to yellow, clamping outside [0, 1]', () => {
    expect(sequentialColour(0)).toEqual([0x44, 0x01, 0x54]);
    expect(sequentialColour(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(sequentialColour(-3)).toEqual(sequentialColour(0));
    expect(sequentialColour(7)).toEqual(sequentialColour(1));
    expect(sequentialColour(Number.NaN)).toEqual(sequentialColour(0));
  });

  it('gets lighter all the way, so it reads in grey too', () => {
    const lightnesses = samples(0, 1).map((t) => lightness(sequentialColour(t)));
    lightnesses.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(lightnesses[i]!));
    expect(lightnesses.at(-1)! - lightnesses[0]!).toBeGreaterThan(60);
  });
});

describe('divergingColour', () => {
  it('is blue for -1, near white for 0 and red for +1', () => {
    const [negative, zero, positive] = [divergingColour(-1), divergingColour(0), divergingColour(1)];
    expect(negative[2]).toBeGreaterThan(negative[0]);
    expect(positive[0]).toBeGreaterThan(positive[2]);
    expect(lightness(zero)).toBeGreaterThan(95);
    expect(divergingColour(-5)).toEqual(negative);
    expect(divergingColour(5)).toEqual(positive);
  });

  it('gets lighter towards 0 from either side, about equally', () => {
    const rising = samples(-1, 0).map((t) => lightness(divergingColour(t)));
    const falling = samples(0, 1).map((t) => lightness(divergingColour(t)));
    rising.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(rising[i]!));
    falling.slice(1).forEach((value, i) => expect(value).toBeLessThanOrEqual(falling[i]!));
    expect(Math.abs(rising[0]! - falling.at(-1)!)).toBeLessThan(10);
  });
});

describe('textColourOn', () => {
  it('puts white text on the dark end and black text on the light end', () => {
    expect(textColourOn(sequentialColour(0))).toBe('#ffffff');
    expect(textColourOn(sequentialColour(1))).toBe('#000000');
    expect(textColourOn(divergingColour(0))).toBe('#000000');
    expect(textColourOn(divergingColour(-1))).toBe('#ffffff');
  });
});
