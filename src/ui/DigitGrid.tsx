// A grid of 28×28 digits drawn on canvases, each captioned with its label.
import { useEffect, useRef } from 'react';
import { IMAGE_SIDE, PIXELS_PER_IMAGE } from '../engine/data/mnist';
import type { SampleDigits } from '../worker/protocol';

function Digit({ pixels, label }: { pixels: Uint8Array; label: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    pixels.forEach((grey, i) => {
      // Ink is dark on a light tile: invert MNIST's white-on-black.
      image.data.set([255 - grey, 255 - grey, 255 - grey, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <figure className="digit">
      <canvas ref={canvas} width={IMAGE_SIDE} height={IMAGE_SIDE} aria-label={`handwritten digit labelled ${label}`} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function DigitGrid({ samples }: { samples: SampleDigits }) {
  return (
    <div className="digit-grid" data-testid="digit-grid">
      {samples.labels.map((label, i) => (
        <Digit key={i} label={label} pixels={samples.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)} />
      ))}
    </div>
  );
}
