// Unit tier: gallery pages — which test images a query selects, their order, paging, pixels, and refused queries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { galleryIndices, galleryPage, type GallerySource } from './gallery';
import { GALLERY_PAGE_SIZE, type GalleryQuery } from './types';

const PIXELS = 4; // tiny images: pixel p of image i is (i + p) mod 256

function source(labels: number[], predicted: number[], confidence: number[], step = 7): GallerySource {
  return {
    predictions: { predicted: Uint8Array.from(predicted), confidence: Float32Array.from(confidence) },
    labels: Uint8Array.from(labels),
    images: Uint8Array.from({ length: labels.length * PIXELS }, (_, i) => (Math.floor(i / PIXELS) + (i % PIXELS)) % 256),
    step,
  };
}

const pair = (trueClass: number, predictedClass: number): GalleryQuery => ({ kind: 'pair', trueClass, predictedClass });

describe('galleryPage', () => {
  it('selects the images of one true/predicted pair, most confident first, ties by lower index', () => {
    const test = source([3, 3, 5, 3, 3, 3], [8, 8, 8, 3, 8, 8], [0.5, 0.9, 0.99, 0.7, 0.5, 0.6]);
    const page = galleryPage(test, pair(3, 8), 0);
    expect(page.images.map((image) => image.index)).toEqual([1, 5, 0, 4]);
    expect(page.images[0]).toEqual({ index: 1, label: 3, predicted: 8, confidence: Math.fround(0.9) });
    expect(page).toMatchObject({ query: pair(3, 8), page: 0, pageSize: GALLERY_PAGE_SIZE, total: 4, step: 7 });
    // Each image's pixels, in the order of `images`.
    expect([...page.pixels.subarray(0, PIXELS)]).toEqual([1, 2, 3, 4]);
    expect([...page.pixels.subarray(3 * PIXELS)]).toEqual([4, 5, 6, 7]);
  });

  it('gathers every off-diagonal image as mistakes, and the diagonal as the correct ones of a class', () => {
    const test = source([0, 1, 2, 1, 0], [0, 2, 2, 0, 1], [0.9, 0.4, 0.8, 0.6, 0.3]);
    expect(galleryPage(test, { kind: 'mistakes' }, 0).images.map((image) => image.index)).toEqual([3, 1, 4]);
    expect(galleryPage(test, pair(2, 2), 0).images.map((image) => image.index)).toEqual([2]);
  });

  it('pages through GALLERY_PAGE_SIZE images at a time; an empty gallery has an empty page 0', () => {
    const count = 2 * GALLERY_PAGE_SIZE + 5;
    const test = source(new Array(count).fill(4), new Array(count).fill(4), Array.from({ length: count }, (_, i) => 1 - i / count));
    const pages = [0, 1, 2].map((page) => galleryPage(test, pair(4, 4), page));
    expect(pages.map((page) => page.images.length)).toEqual([GALLERY_PAGE_SIZE, GALLERY_PAGE_SIZE, 5]);
    expect(pages.flatMap((page) => page.images.map((image) => image.index))).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(pages[2]!.pixels).toHaveLength(5 * PIXELS);
    const empty = galleryPage(test, pair(4, 5), 0);
    expect(empty).toMatchObject({ total: 0, images: [] });
    expect(empty.pixels).toHaveLength(0);
  });

  it('puts the NaN confidence of a diverged model last', () => {
    const test = source([1, 1, 1], [0, 0, 0], [Number.NaN, 0.2, 0.7]);
    expect(galleryIndices(test, pair(1, 0))).toEqual([2, 1, 0]);
  });

  it('refuses a class outside 0–9, a page past the end or not whole, and predictions of another split, saying which', () => {
    const test = source([1, 2], [1, 2], [0.5, 0.5]);
    expect(() => galleryPage(test, pair(10, 2), 0)).toThrow(new RangeError('trueClass must be a class from 0 to 9, got 10'));
    expect(() => galleryPage(test, pair(1, -1), 0)).toThrow(new RangeError('predictedClass must be a class from 0 to 9, got -1'));
    expect(() => galleryPage(test, pair(1.5, 1), 0)).toThrow(RangeError);
    expect(() => galleryPage(test, pair(1, 1), 1)).toThrow(new RangeError('page must be a whole number from 0 to 0 (1 images), got 1'));
    expect(() => galleryPage(test, pair(1, 1), 0.5)).toThrow(RangeError);
    expect(() => galleryPage(test, { kind: 'mistakes' }, -1)).toThrow(RangeError);
    const short = { ...test, labels: Uint8Array.of(1) };
    expect(() => galleryPage(short, pair(1, 1), 0)).toThrow(new RangeError('predictions for 2 images (confidence for 2) do not match 1 labels'));
  });

  it('property: the pages of a query hold exactly its images, each once, in (confidence ↓, index ↑) order', () => {
    const classes = fc.integer({ min: 0, max: 9 });
    // Confidences from a few levels, so ties are common.
    const images = fc.array(fc.record({ label: classes, predicted: classes, level: fc.integer({ min: 1, max: 4 }) }), { maxLength: 120 });
    const query = fc.oneof(fc.constant<GalleryQuery>({ kind: 'mistakes' }), fc.tuple(classes, classes).map(([t, p]) => pair(t, p)));
    fc.assert(
      fc.property(images, query, (drawn, q) => {
        const test = source(drawn.map((d) => d.label), drawn.map((d) => d.predicted), drawn.map((d) => d.level / 4));
        const expected = drawn.flatMap((d, index) => ((q.kind === 'mistakes' ? d.label !== d.predicted : d.label === q.trueClass && d.predicted === q.predictedClass) ? [index] : []));
        const first = galleryPage(test, q, 0);
        const pages = Array.from({ length: Math.max(1, Math.ceil(first.total / GALLERY_PAGE_SIZE)) }, (_, page) => galleryPage(test, q, page));
        const shown = pages.flatMap((page) => page.images);
        expect(first.total).toBe(expected.length);
        expect(shown.map((image) => image.index).sort((a, b) => a - b)).toEqual(expected);
        shown.forEach((image, i) => {
          expect(image).toEqual({ index: image.index, label: drawn[image.index]!.label, predicted: drawn[image.index]!.predicted, confidence: drawn[image.index]!.level / 4 });
          const next = shown[i + 1];
          if (next) expect(image.confidence > next.confidence || (image.confidence === next.confidence && image.index < next.index)).toBe(true);
        });
      }),
    );
  });
});
