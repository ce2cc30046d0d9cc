// What the model sees: the drawing as the 28×28 image it is given, enlarged with square pixels.
import { useEffect, useRef } from 'react';
import { IMAGE_SIDE } from '../../engine/data/mnist';

export function ModelPreview({ pixels }: { pixels: Float32Array | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    for (let i = 0; i < IMAGE_SIDE * IMAGE_SIDE; i++) {
      // Ink is dark on a light tile, as in the dataset panel.
      const grey = Math.round(255 * (1 - (pixels?.[i] ?? 0)));
      image.data.set([grey, grey, grey, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <figure className="draw-preview">
      <canvas ref={canvas} width={IMAGE_SIDE} height={IMAGE_SIDE} data-testid="model-input" aria-label="The drawing as the model sees it, 28 by 28 pixels" role="img" />
      <figcaption>What the model sees (28×28)</figcaption>
    </figure>
  );
}
