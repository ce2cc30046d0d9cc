// What the insight views are looking at: the inspected digit and the open gallery (plain data; the panels fetch the rest).
import { create } from 'zustand';
import type { GalleryQuery } from '../engine/insight/types';

export interface InspectedDigit {
  pixels: Float32Array; // [784] in [0, 1], ink high
  /** "Test image 1,234, labelled 4, predicted 9 (87%)". */
  description: string;
}

export interface InsightState {
  inspected: InspectedDigit | null;
  /** The gallery open under the confusion matrix, and its page (from 0). */
  gallery: { query: GalleryQuery; page: number } | null;
}

export const useInsightStore = create<InsightState>()(() => ({ inspected: null, gallery: null }));

export const inspectDigit = (digit: InspectedDigit): void => useInsightStore.setState({ inspected: digit });

/** Grey levels 0..255 as the model's input, [0, 1]. */
export const greyToUnit = (grey: Uint8Array): Float32Array => Float32Array.from(grey, (level) => level / 255);

export const openGallery = (query: GalleryQuery): void => useInsightStore.setState({ gallery: { query, page: 0 } });

export function turnGalleryPage(page: number): void {
  const { gallery } = useInsightStore.getState();
  if (gallery) useInsightStore.setState({ gallery: { ...gallery, page: Math.max(0, page) } });
}
