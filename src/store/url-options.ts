// Options read from the page URL (e.g. ?train=2000 limits the training images, for tests and demos).
import { MIN_TRAIN_IMAGES } from '../engine/codecs/experiment';
import { TRAIN_COUNT } from '../engine/data/mnist';

export interface UrlOptions {
  trainImages: number;
  /** Problems with the URL, in words; the option concerned keeps its default. */
  problems: string[];
}

export function parseUrlOptions(search: string): UrlOptions {
  const raw = new URLSearchParams(search).get('train');
  if (raw === null) return { trainImages: TRAIN_COUNT, problems: [] };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_TRAIN_IMAGES || value > TRAIN_COUNT) {
    const problem = `Ignored ?train=${raw.slice(0, 20)}: it must be a whole number of training images from ${MIN_TRAIN_IMAGES} to ${TRAIN_COUNT}.`;
    return { trainImages: TRAIN_COUNT, problems: [problem] };
  }
  return { trainImages: value, problems: [] };
}

/** This page's options (none outside a browser). */
export const pageUrlOptions: UrlOptions = parseUrlOptions(typeof location === 'undefined' ? '' : location.search);
