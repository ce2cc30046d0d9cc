// unit tier: each activation's stated derivative against central finite differences of its forward rule.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../activations';
import { activationDerivative, activationForward, erf } from './activations';

/** Points spread over the useful range, none closer than 0.05 to the relu / leaky relu kink at 0. */
const POINTS = [-6, -3.7, -2, -1.3, -0.6, -0.05, 0.05, 0.4, 1, 1.9, 2.5, 4.2, 7];
const STEP = 1e-5;

/** (f(z + h) − f(z − h)) / 2h: error O(h²·f''') ≈ 1e-10 here, far below the 1e-6 tolerance. */
function centralDifference(f: (z: number) => number, z: number): number {
  return (f(z + STEP) - f(z - STEP)) / (2 * STEP);
}

describe('activation reference derivatives', () => {
  it.each(ACTIVATIONS)('%s matches central finite differences to 1e-6 relative', (name) => {
    for (const z of POINTS) {
      const numeric = centralDifference((x) => activationForward(name, x), z);
      const stated = activationDerivative(name, z);
      expect(Math.abs(stated - numeric), `${name}'(${z})`).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(numeric), 1e-3));
    }
  });

  it('sigmoid and tanh stay finite and saturate at |z| = 1e4', () => {
    expect(activationForward('sigmoid', 1e4)).toBe(1);
    expect(activationForward('sigmoid', -1e4)).toBe(0);
    expect(activationForward('tanh', -1e4)).toBe(-1);
    expect(activationDerivative('sigmoid', 1e4)).toBe(0);
  });

  it('erf matches known values to 1e-15', () => {
    const known: [number, number][] = [
      [0, 0],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [-2, -0.9953222650189527],
      [3, 0.9999779095030014],
    ];
    for (const [x, value] of known) expect(Math.abs(erf(x) - value)).toBeLessThanOrEqual(1e-15);
  });
});
