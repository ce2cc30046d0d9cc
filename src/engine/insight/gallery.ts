// Gallery pages of the test set from one evaluation's per-image predictions: the images of a true/predicted pair, or every mistake.
import { MNIST } from '../data/datasets';
import { GALLERY_PAGE_SIZE, type GalleryImage, type GalleryPage, type GalleryQuery, type TestPredictions } from './types';

/** One evaluation's predictions with the split's labels and images, on the CPU. */
export interface GallerySource {
  predictions: TestPredictions;
  labels: Uint8Array; // [count]
  images: Uint8Array; // [count, pixels per image]
  /** The step of the evaluation. */
  step: number;
}

const CLASSES = MNIST.classNames.length;

function checkClass(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= CLASSES) throw new RangeError(`${name} must be a class from 0 to ${CLASSES - 1}, got ${value}`);
}

/** Whether image `i` belongs to the query. */
function matcher(query: GalleryQuery, labels: Uint8Array, predicted: Uint8Array): (i: number) => boolean {
  if (query.kind === 'mistakes') return (i) => labels[i] !== predicted[i];
  checkClass('trueClass', query.trueClass);
  checkClass('predictedClass', query.predictedClass);
  return (i) => labels[i] === query.trueClass && predicted[i] === query.predictedClass;
}

/** The images matching `query`, most confident first (ties, and a NaN of a diverged model last: lower index first). */
export function galleryIndices({ predictions, labels }: Pick<GallerySource, 'predictions' | 'labels'>, query: GalleryQuery): number[] {
  const { predicted, confidence } = predictions;
  if (predicted.length !== labels.length || confidence.length !== labels.length) {
    throw new RangeError(`predictions for ${predicted.length} images (confidence for ${confidence.length}) do not match ${labels.length} labels`);
  }
  const matches = matcher(query, labels, predicted);
  const key = (i: number) => (Number.isNaN(confidence[i]) ? -Infinity : confidence[i]!);
  const indices: number[] = [];
  for (let i = 0; i < labels.length; i++) if (matches(i)) indices.push(i);
  return indices.sort((a, b) => key(b) - key(a) || a - b);
}

/** Page `page` (from 0) of GALLERY_PAGE_SIZE images; page 0 of an empty gallery is empty, a page past the end a RangeError. */
export function galleryPage(source: GallerySource, query: GalleryQuery, page: number): GalleryPage {
  const indices = galleryIndices(source, query);
  const pages = Math.max(1, Math.ceil(indices.length / GALLERY_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 0 || page >= pages) throw new RangeError(`page must be a whole number from 0 to ${pages - 1} (${indices.length} images), got ${page}`);
  const { labels, images, predictions } = source;
  const pixelsPerImage = images.length / labels.length;
  const chosen = indices.slice(page * GALLERY_PAGE_SIZE, (page + 1) * GALLERY_PAGE_SIZE);
  const pixels = new Uint8Array(chosen.length * pixelsPerImage);
  chosen.forEach((index, i) => pixels.set(images.subarray(index * pixelsPerImage, (index + 1) * pixelsPerImage), i * pixelsPerImage));
  const shown = chosen.map((index): GalleryImage => ({ index, label: labels[index]!, predicted: predictions.predicted[index]!, confidence: predictions.confidence[index]! }));
  return { query, page, pageSize: GALLERY_PAGE_SIZE, total: indices.length, images: shown, pixels, step: source.step };
}
