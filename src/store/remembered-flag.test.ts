// unit: a remembered flag reads its default until written, then what was written; other stored text reads as the default.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberedFlag } from './remembered-flag';

describe('rememberedFlag', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a choice in localStorage and falls back to its default', () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => items.set(key, value) });
    const flag = rememberedFlag('k', true);
    expect(flag.read()).toBe(true);
    flag.write(false);
    expect([flag.read(), items.get('k')]).toEqual([false, 'false']);
    items.set('k', 'garbage');
    expect(flag.read()).toBe(true);
  });

  it('reads its default where there is no storage', () => {
    expect(rememberedFlag('k', false).read()).toBe(false);
  });
});
