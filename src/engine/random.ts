// Seeded pseudo-random numbers (SplitMix32-style mixing): same seed, same sequence, everywhere.

export interface Rng {
  /** Uniform integer in [0, 2³²). */
  nextU32(): number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const next = (): number => nextU32() / 2 ** 32;
  return { nextU32, next, int: (n) => Math.floor(next() * n) };
}
