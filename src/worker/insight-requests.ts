// The worker's answers to the insight views: gallery pages, inspections and weight images, from the session's current model.
// Each GPU request is a submit of its own between the training loop's, so training never waits for one.
import type { MnistSplit } from '../engine/data/mnist';
import type { GalleryPage, GalleryQuery, Inspection, WeightImages } from '../engine/insight/types';
import type { Trainer } from '../engine/train/trainer';
import type { TrainingSession } from './training-session';

/** The session's model, or why there is none. */
function modelOf(session: TrainingSession | undefined, purpose: string): Trainer {
  if (!session) throw new Error(`The GPU is not ready yet, so there is no model to ${purpose}.`);
  if (!session.model) throw new Error(`There is no model yet to ${purpose}.`);
  return session.model;
}

/** One page of the test images matching `query` in the last evaluation; `test`: the test split the worker keeps on the CPU. */
export async function galleryOf(session: TrainingSession | undefined, test: MnistSplit | undefined, query: GalleryQuery, page: number): Promise<GalleryPage> {
  const trainer = modelOf(session, 'show test images for');
  if (!test) throw new Error('The test images are not loaded yet.');
  return trainer.gallery(test, query, page);
}

export async function inspectionOf(session: TrainingSession | undefined, pixels: Float32Array): Promise<Inspection> {
  return modelOf(session, 'inspect an image with').inspect(pixels);
}

export async function weightImagesOf(session: TrainingSession | undefined): Promise<WeightImages> {
  return modelOf(session, 'show the weights of').readWeightImages();
}

/** The typed arrays an answer moves to the page instead of copying. */
export const galleryBuffers = (page: GalleryPage): Transferable[] => [page.pixels.buffer];
export const inspectionBuffers = (inspection: Inspection): Transferable[] => [
  inspection.probabilities.buffer,
  inspection.saliency.buffer,
  ...inspection.layers.map(({ values }) => values.buffer),
];
export const weightImageBuffers = (images: WeightImages): Transferable[] => [images.values.buffer];
