// 28×28 digits drawn on canvases: one digit, and a grid of them captioned with their labels, each a button that inspects it.
import { useMemo, type CanvasHTMLAttributes } from 'react';
import { IMAGE_SIDE, PIXELS_PER_IMAGE } from '../engine/data/mnist';
import { greyToUnit, inspectDigit } from '../store/insight-store';
import type { SampleDigits } from '../worker/protocol';
import { ImageCanvas } from './insight/ImageCanvas';
import { inkImage } from './insight/tile-grid';

/** Ink is dark on a light tile: MNIST's white-on-black inverted. `maxLevel`: full ink (255 for bytes, 1 for [0, 1]). */
export function DigitCanvas({ pixels, maxLevel, ...attributes }: { pixels: ArrayLike<number>; maxLevel: number } & CanvasHTMLAttributes<HTMLCanvasElement>) {
  const image = useMemo(() => inkImage(pixels, IMAGE_SIDE, maxLevel), [pixels, maxLevel]);
  return <ImageCanvas image={image} {...attributes} />;
}

function Digit({ pixels, label, index }: { pixels: Uint8Array; label: number; index: number }) {
  const inspect = () => inspectDigit({ pixels: greyToUnit(pixels), description: `Sample digit ${index + 1}, labelled ${label}` });
  return (
    <figure className="digit">
      <button type="button" className="digit-pick" onClick={inspect} aria-label={`Inspect sample digit ${index + 1}, labelled ${label}`}>
        <DigitCanvas pixels={pixels} maxLevel={255} aria-hidden="true" />
      </button>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function DigitGrid({ samples }: { samples: SampleDigits }) {
  return (
    <div className="digit-grid" data-testid="digit-grid">
      {samples.labels.map((label, i) => (
        <Digit key={i} index={i} label={label} pixels={samples.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)} />
      ))}
    </div>
  );
}
