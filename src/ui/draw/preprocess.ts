// Turns the drawing pad's ink into what the model was trained on: an MNIST-style 28×28 image, ink high in [0, 1].
// As MNIST was prepared: the ink's bounding box is scaled so its longer side is 20 px (aspect kept, area-averaged,
// so thin strokes keep their grey levels), then placed in the 28×28 field with its centre of mass at the centre.
import { IMAGE_SIDE, PIXELS_PER_IMAGE } from '../../engine/data/mnist';

/** Longest side of the digit inside the 28×28 field. */
export const DIGIT_BOX = 20;
/** Ink fainter than this (of 255) is antialiasing haze and does not widen the bounding box. */
const INK_THRESHOLD = 26;

/** Grey levels of a drawing: values [height, width], 0 = no ink … 255 = full ink. */
export interface Ink {
  width: number;
  height: number;
  values: ArrayLike<number>;
}

export interface ModelImage {
  pixels: Float32Array; // [784] in [0, 1], 1 = ink, as the dataset's gather scales MNIST's bytes
  /** Nothing was drawn (pixels are all 0). */
  empty: boolean;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The alpha channel of RGBA bytes ([height, width, 4]): how much ink covers each pixel, whatever its colour. */
export function alphaChannel(rgba: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: Math.floor(rgba.length / 4) }, (_, i) => rgba[i * 4 + 3]!);
}

export function preprocessDrawing(ink: Ink): ModelImage {
  const { width, height, values } = ink;
  if (values.length !== width * height) throw new RangeError(`ink must hold ${width}×${height} = ${width * height} values, got ${values.length}`);
  const box = inkBox(ink);
  if (!box) return { pixels: new Float32Array(PIXELS_PER_IMAGE), empty: true };
  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  const target = { width: Math.max(1, Math.round(box.width * scale)), height: Math.max(1, Math.round(box.height * scale)) };
  const digit = resampleArea(crop(ink, box), box, target); // [target.height, target.width]
  return { pixels: placeByCentreOfMass(digit, target), empty: false };
}

/** The smallest box holding every pixel with ink above the threshold, or null when there is none. */
function inkBox({ width, height, values }: Ink): Box | null {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (values[y * width + x]! < INK_THRESHOLD) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The box's ink in [0, 1]: [box.height, box.width]. */
function crop({ width, values }: Ink, box: Box): Float64Array {
  const out = new Float64Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      out[y * box.width + x] = Math.min(1, Math.max(0, values[(box.top + y) * width + box.left + x]! / 255));
    }
  }
  return out;
}

/** For each of `to` cells laid evenly over `from` source cells: the source cells it covers and the share of each. */
function areaWeights(from: number, to: number): { index: number; weight: number }[][] {
  const span = from / to;
  return Array.from({ length: to }, (_, i) => {
    const [start, end] = [i * span, (i + 1) * span];
    const covered: { index: number; weight: number }[] = [];
    for (let j = Math.floor(start); j < Math.min(from, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 0) covered.push({ index: j, weight: overlap / span });
    }
    return covered;
  });
}

/** Box-filter resampling (each output pixel is the mean of the area it covers): rows first, then columns. */
function resampleArea(source: Float64Array, from: Pick<Box, 'width' | 'height'>, to: Pick<Box, 'width' | 'height'>): Float64Array {
  const columns = areaWeights(from.width, to.width);
  const rows = areaWeights(from.height, to.height);
  const narrowed = new Float64Array(from.height * to.width); // [from.height, to.width]
  for (let y = 0; y < from.height; y++) {
    columns.forEach((covered, x) => {
      narrowed[y * to.width + x] = covered.reduce((sum, { index, weight }) => sum + weight * source[y * from.width + index]!, 0);
    });
  }
  const out = new Float64Array(to.height * to.width); // [to.height, to.width]
  rows.forEach((covered, y) => {
    for (let x = 0; x < to.width; x++) {
      out[y * to.width + x] = covered.reduce((sum, { index, weight }) => sum + weight * narrowed[index * to.width + x]!, 0);
    }
  });
  return out;
}

/** Puts the digit into the 28×28 field, shifted by whole pixels so its centre of mass is nearest the centre (never cut off). */
function placeByCentreOfMass(digit: Float64Array, size: Pick<Box, 'width' | 'height'>): Float32Array {
  let [mass, sumX, sumY] = [0, 0, 0];
  digit.forEach((value, i) => {
    mass += value;
    sumX += value * ((i % size.width) + 0.5);
    sumY += value * (Math.floor(i / size.width) + 0.5);
  });
  const shift = (centre: number, extent: number) => Math.min(IMAGE_SIDE - extent, Math.max(0, Math.round(IMAGE_SIDE / 2 - centre)));
  const [left, top] = [shift(sumX / mass, size.width), shift(sumY / mass, size.height)];
  const pixels = new Float32Array(PIXELS_PER_IMAGE);
  digit.forEach((value, i) => {
    pixels[(top + Math.floor(i / size.width)) * IMAGE_SIDE + left + (i % size.width)] = Math.min(1, value);
  });
  return pixels;
}
