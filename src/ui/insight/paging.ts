// Paging a gallery: how many pages there are and the "1–24 of 57" line.
import { formatCount } from '../format';

export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/** "1–24 of 57" for page 0 of 24 a page; "No images" when there are none; a page past the end counts as the last. */
export function pageRangeText(page: number, pageSize: number, total: number): string {
  if (total <= 0) return 'No images';
  const shown = Math.min(Math.max(0, page), pageCount(total, pageSize) - 1);
  const [first, last] = [shown * pageSize + 1, Math.min(total, (shown + 1) * pageSize)];
  return `${first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`} of ${formatCount(total)}`;
}
