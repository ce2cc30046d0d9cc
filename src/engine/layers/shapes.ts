// Per-sample tensor shapes: [features] or [height, width, channels]; a batch adds a leading dimension.
//
// Memory layout: a shape says what a sample is, not how its floats are ordered. An image sample [H, W, C] is stored
// channel-major, C planes of H rows of W values (a batch is [batch, C, H, W], PyTorch's NCHW), so a Conv2D weight is
// PyTorch's [out, in, kh, kw] with its axes moved and nn.Flatten of a sample is the buffer as it stands. MNIST's one
// channel makes its pixels the same bytes either way. Shapes print as [H, W, C] reads: 28×28×1 → 24×24×24.
import type { ShapeRule } from './kind';

export type Shape = readonly number[];

/** Values in one sample of `shape`. */
export const shapeSize = (shape: Shape): number => shape.reduce((product, size) => product * size, 1);

/** "128", "28×28×1". */
export const formatShape = (shape: Shape): string => shape.join('×');

/** An image sample's sizes; its floats are channel-major (see above). */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** The image `shape` describes, or undefined for a flat [features] one. */
export function imageOf(shape: Shape): ImageShape | undefined {
  if (shape.length !== 3) return undefined;
  const [height, width, channels] = shape as [number, number, number];
  return { height, width, channels };
}

/** A square window sliding over an image's rows and columns: its size, its stride, and the zeros padded before and after. */
export interface SlidingWindow {
  size: number;
  stride: number;
  padBefore: number;
  padAfter: number;
}

/** Positions the window takes along an axis of `length`: 0 when it does not fit once. */
export function windowPositions(length: number, { size, stride, padBefore, padAfter }: SlidingWindow): number {
  const padded = length + padBefore + padAfter;
  return padded < size ? 0 : Math.floor((padded - size) / stride) + 1;
}

/** A window sliding over an image, with the image it reads and the one it writes. */
export interface ImageWindow {
  input: ImageShape;
  output: ImageShape;
  window: SlidingWindow;
}

/** The window over the image shapes a layer reads and writes (both [H, W, C]). */
export const imageWindow = (input: Shape, output: Shape, window: SlidingWindow): ImageWindow => ({ input: imageOf(input)!, output: imageOf(output)!, window });

/**
 * The image a window over `input` gives with `channels` channels, or why it cannot: `what` names the layer
 * in the message ("a 3×3 pool needs at least 3×3 input; it gets 2×2").
 */
export function windowOutput(input: Shape, window: SlidingWindow, channels: number, what: string): ShapeRule {
  const image = imageOf(input);
  if (!image) return { ok: false, message: `a ${what} needs an image-shaped input (height×width×channels); it gets ${formatShape(input)} values` };
  const [height, width] = [windowPositions(image.height, window), windowPositions(image.width, window)];
  if (height === 0 || width === 0) {
    const least = window.size - window.padBefore - window.padAfter;
    return { ok: false, message: `a ${what} needs at least ${least}×${least} input; it gets ${image.height}×${image.width}` };
  }
  return { ok: true, shape: [height, width, channels] };
}
