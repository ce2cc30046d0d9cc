// Unit tier: the gallery's page count and its "1–24 of 57" line, at the ends and with thousands.
import { describe, expect, it } from 'vitest';
import { pageCount, pageRangeText } from './paging';

describe('pageCount', () => {
  it('rounds up, and an empty gallery still has one page', () => {
    expect(pageCount(57, 24)).toBe(3);
    expect(pageCount(48, 24)).toBe(2);
    expect(pageCount(0, 24)).toBe(1);
  });
});

describe('pageRangeText', () => {
  it('names the first and last image of the page and the total', () => {
    expect(pageRangeText(0, 24, 57)).toBe('1–24 of 57');
    expect(pageRangeText(1, 24, 57)).toBe('25–48 of 57');
    expect(pageRangeText(2, 24, 57)).toBe('49–57 of 57');
  });

  it('names a lone image once, and says when there are none', () => {
    expect(pageRangeText(0, 24, 1)).toBe('1 of 1');
    expect(pageRangeText(2, 24, 49)).toBe('49 of 49');
    expect(pageRangeText(0, 24, 0)).toBe('No images');
  });

  it('shows a page past the end as the last one, and groups thousands', () => {
    expect(pageRangeText(9, 24, 30)).toBe('25–30 of 30');
    expect(pageRangeText(50, 24, 1500)).toBe('1,201–1,224 of 1,500');
  });
});
