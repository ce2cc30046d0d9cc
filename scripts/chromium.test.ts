// unit: which Chromium the e2e tier and benchmarks use.
import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium';

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it points at a file', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it('names the bad CHROMIUM_PATH instead of silently falling back', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chrome' })).toThrow('CHROMIUM_PATH is set to /nowhere/chrome, but no file is there.');
  });
});
