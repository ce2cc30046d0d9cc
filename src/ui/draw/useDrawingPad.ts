// The drawing pad's canvas: strokes from mouse, touch and pen, clearing, a sample digit painted in, and the ink read back.
import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { IMAGE_SIDE } from '../../engine/data/mnist';
import { alphaChannel, preprocessDrawing, type ModelImage } from './preprocess';

/** Canvas pixels per side (CSS scales the element); 10 per MNIST pixel. */
export const PAD_SIZE = 280;
/** About a twelfth of the pad: after scaling to MNIST's 20 px box, strokes are about 2 px wide, as MNIST's are. */
const STROKE_WIDTH = Math.round(PAD_SIZE / 12);
/** While a stroke goes on, the ink is read back at most this often. */
const LIVE_UPDATE_MS = 150;

type Point = { x: number; y: number };

/** Paints every inked pixel in `colour`, keeping its coverage (the ink lives in the alpha channel). */
function recolour(context: CanvasRenderingContext2D, colour: string): void {
  context.save();
  context.globalCompositeOperation = 'source-in';
  context.fillStyle = colour;
  context.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
  context.restore();
}

/** Sets the pen to the theme's ink colour (the canvas's CSS `color`) and brings old ink to it. */
function preparePen(canvas: HTMLCanvasElement, context: CanvasRenderingContext2D): void {
  const colour = getComputedStyle(canvas).color;
  recolour(context, colour);
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = STROKE_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
}

/** A dot for a single point, else one round-capped polyline. */
function drawStroke(context: CanvasRenderingContext2D, [first, ...rest]: Point[]): void {
  context.beginPath();
  if (rest.length === 0) {
    context.arc(first!.x, first!.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
    context.fill();
    return;
  }
  context.moveTo(first!.x, first!.y);
  for (const point of rest) context.lineTo(point.x, point.y);
  context.stroke();
}

/** `onInk` hears the model's view of the pad after each change (throttled while drawing). */
export function useDrawingPad(canvasRef: RefObject<HTMLCanvasElement | null>, onInk: (image: ModelImage) => void) {
  /** The stroke being drawn: its points, and the pad as it was before it (each move redraws the stroke whole). */
  const stroke = useRef<{ pointerId: number; points: Point[]; before: ImageData } | null>(null);
  const lastRead = useRef(0);
  const onInkRef = useRef(onInk);
  useEffect(() => {
    onInkRef.current = onInk;
  }, [onInk]);

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const read = () => {
    const ctx = context();
    if (!ctx) return;
    lastRead.current = performance.now();
    const { data } = ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE);
    onInkRef.current(preprocessDrawing({ width: PAD_SIZE, height: PAD_SIZE, values: alphaChannel(data) }));
  };
  const toPad = (event: { clientX: number; clientY: number }): Point => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * PAD_SIZE) / rect.width, y: ((event.clientY - rect.top) * PAD_SIZE) / rect.height };
  };
  useThemeRecolour(canvasRef);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx || stroke.current || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    preparePen(event.currentTarget, ctx);
    stroke.current = { pointerId: event.pointerId, points: [toPad(event)], before: ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE) };
    drawStroke(ctx, stroke.current.points);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx || stroke.current?.pointerId !== event.pointerId) return;
    // Coalesced events carry the points between frames, so fast strokes stay smooth.
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
    stroke.current.points.push(...(coalesced.length > 0 ? coalesced : [event]).map(toPad));
    // One path drawn once: overlapping segments would darken the antialiased edges where they meet.
    ctx.putImageData(stroke.current.before, 0, 0);
    drawStroke(ctx, stroke.current.points);
    if (performance.now() - lastRead.current >= LIVE_UPDATE_MS) read();
  };
  const onStrokeEnd = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (stroke.current?.pointerId !== event.pointerId) return;
    stroke.current = null;
    read();
  };

  const clear = () => {
    stroke.current = null;
    context()?.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    read();
  };
  /** Paints a 28×28 grey image (0..255, ink high) over the whole pad, smoothly enlarged. */
  const paint = (grey: Uint8Array) => {
    const ctx = context();
    const small = document.createElement('canvas');
    [small.width, small.height] = [IMAGE_SIDE, IMAGE_SIDE];
    const smallContext = small.getContext('2d');
    if (!ctx || !smallContext) return;
    const image = smallContext.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    grey.forEach((level, i) => (image.data[i * 4 + 3] = level));
    smallContext.putImageData(image, 0, 0);
    stroke.current = null;
    ctx.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(small, 0, 0, PAD_SIZE, PAD_SIZE);
    preparePen(canvasRef.current!, ctx);
    read();
  };

  const handlers = { onPointerDown, onPointerMove, onPointerUp: onStrokeEnd, onPointerCancel: onStrokeEnd, onLostPointerCapture: onStrokeEnd };
  return { handlers, clear, paint };
}

/** Recolours the ink when the theme changes: the toggle's `data-theme` on <html>, or the system's scheme. */
function useThemeRecolour(canvasRef: RefObject<HTMLCanvasElement | null>): void {
  useEffect(() => {
    const update = () => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d', { willReadFrequently: true });
      if (canvas && ctx) recolour(ctx, getComputedStyle(canvas).color);
    };
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', update);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', update);
    };
  }, [canvasRef]);
}
