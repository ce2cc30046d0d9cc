// Per-sample tensor shapes: [features] or [height, width, channels]; a batch adds a leading dimension.

export type Shape = readonly number[];

/** Values in one sample of `shape`. */
export const shapeSize = (shape: Shape): number => shape.reduce((product, size) => product * size, 1);

/** "128", "28×28×1". */
export const formatShape = (shape: Shape): string => shape.join('×');
