// unit: the ?train= URL option.
import { describe, expect, it } from 'vitest';
import { parseUrlOptions } from './url-options';

describe('parseUrlOptions', () => {
  it('uses every training image by default and the number given by ?train=', () => {
    expect(parseUrlOptions('')).toEqual({ trainImages: 60_000, problems: [] });
    expect(parseUrlOptions('?train=2000')).toEqual({ trainImages: 2000, problems: [] });
  });

  it.each(['abc', '12.5', '0', '99', '60001', '1e9', ''])('ignores ?train=%s with a message saying why', (value) => {
    const options = parseUrlOptions(`?train=${value}`);
    expect(options.trainImages).toBe(60_000);
    expect(options.problems[0]).toMatch(/^Ignored \?train=.*from 100 to 60000\.$/);
  });
});
