// The saliency map's colours: ∂logit/∂pixel, optionally times the pixel (gradient × input), signed or as magnitude.
import { divergingColour, sequentialColour, type Rgb } from './color-scales';
import { maxAbs } from './scaling';

/** 'signed': blue lowers the score, red raises it; 'magnitude': how much either way, dark to bright. */
export type SaliencyMode = 'signed' | 'magnitude';

export interface SaliencyOptions {
  mode: SaliencyMode;
  /** Multiply each gradient by its pixel: what the ink that is there contributes, rather than what any ink would. */
  timesInput: boolean;
}

/** The values drawn, one per pixel. */
export function saliencyValues(saliency: ArrayLike<number>, pixels: ArrayLike<number>, timesInput: boolean): Float32Array {
  return Float32Array.from({ length: saliency.length }, (_, i) => saliency[i]! * (timesInput ? pixels[i]! : 1));
}

/** A colour per pixel, scaled so the strongest pixel reaches the end of the scale. */
export function saliencyColours(saliency: ArrayLike<number>, pixels: ArrayLike<number>, { mode, timesInput }: SaliencyOptions): Rgb[] {
  const values = saliencyValues(saliency, pixels, timesInput);
  const scale = maxAbs(values) || 1;
  return Array.from(values, (value) => (mode === 'signed' ? divergingColour(value / scale) : sequentialColour(Math.abs(value) / scale)));
}
