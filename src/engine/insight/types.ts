// What the insight views receive from the engine: gallery pages of test images, an inspected digit, first-layer weight images.
import type { Shape } from '../layers/shapes';

/** Per test image, from the last evaluation: the class the model predicted and that class's softmax probability. */
export interface TestPredictions {
  predicted: Uint8Array; // [testCount]
  confidence: Float32Array; // [testCount], in (0, 1]
}

/** The test images of one true/predicted pair (the diagonal: correct ones), or every mistake. */
export type GalleryQuery = { kind: 'pair'; trueClass: number; predictedClass: number } | { kind: 'mistakes' };

export interface GalleryImage {
  /** Index in the test split. */
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

/** One page of a gallery, most confident first (ties: lower index first). */
export interface GalleryPage {
  query: GalleryQuery;
  page: number;
  pageSize: number;
  /** Images matching the query in the whole test set. */
  total: number;
  images: GalleryImage[];
  /** [images.length, 784] grey levels 0..255, in the order of `images`. */
  pixels: Uint8Array;
  /** The step of the evaluation these predictions come from. */
  step: number;
}

/** One layer's output for the inspected digit. */
export interface LayerActivations {
  /** Index in [...hidden layers, output layer]. */
  index: number;
  /** "Dense 128 relu". */
  name: string;
  /** Per-sample output shape: [units], or [height, width, channels]. */
  shape: Shape;
  values: Float32Array; // [shapeSize(shape)]: [units], or an image's channels one plane after another ([C, H, W])
}

/** What the model makes of one image, from its current weights without dropout. */
export interface Inspection {
  probabilities: Float32Array; // [classes], summing to 1
  predicted: number;
  /** ∂(predicted class's logit)/∂(pixel): [784], the same layout as the input. */
  saliency: Float32Array;
  /** Each hidden layer that computes an output, in order (pass-through ones, Flatten and Dropout at inference, are left out). */
  layers: LayerActivations[];
  /** The step of the weights used. */
  step: number;
}

/** The first layer with parameters' incoming weights, one image per output unit (Dense on 28×28×1: 28×28 tiles; Conv2D: k×k). */
export interface WeightImages {
  layer: number;
  /** "Dense 128 relu". */
  name: string;
  /** Units in the layer; at most MAX_WEIGHT_IMAGES of them are sent. */
  units: number;
  /** What a unit is: one that weighs the whole input (Dense), or a filter that slides over it, one output channel (Conv2D). */
  unitName: 'unit' | 'filter';
  count: number;
  height: number;
  width: number;
  /** [count, height × width], each unit's tile row-major (a multi-channel input is shown by its first channel). */
  values: Float32Array;
  step: number;
}

/** Units shown as weight images, at most. */
export const MAX_WEIGHT_IMAGES = 256;
/** Images on one gallery page. */
export const GALLERY_PAGE_SIZE = 24;
