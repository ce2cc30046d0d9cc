// The one place that reads `navigator.gpu`; everything else receives a GPU object.

/** The browser's WebGPU entry point, or undefined where the browser has none. */
export function browserGpu(): GPU | undefined {
  return typeof navigator !== 'undefined' && 'gpu' in navigator ? navigator.gpu : undefined;
}
