// A canvas showing RGBA pixels at their own size (CSS enlarges it, pixelated).
import { useEffect, useRef, type CanvasHTMLAttributes } from 'react';
import type { RgbaImage } from './tile-grid';

export function ImageCanvas({ image, ...attributes }: { image: RgbaImage } & CanvasHTMLAttributes<HTMLCanvasElement>) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || image.width === 0 || image.height === 0) return;
    context.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={canvas} width={image.width} height={image.height} {...attributes} />;
}
