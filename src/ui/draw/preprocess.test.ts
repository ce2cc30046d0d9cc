// Unit tier: a drawing becomes an MNIST-style 28×28 image — cropped, 20 px on its longer side, centred by mass, grey kept.
import { describe, expect, it } from 'vitest';
import { alphaChannel, DIGIT_BOX, preprocessDrawing, type Ink } from './preprocess';

const PAD = 280;

/** A 280×280 pad with full ink on the given rectangles [left, top, width, height], or `level` of ink. */
function pad(rects: [number, number, number, number][], level = 255): Ink {
  const values = new Uint8Array(PAD * PAD);
  for (const [left, top, width, height] of rects) {
    for (let y = top; y < top + height; y++) values.fill(level, y * PAD + left, y * PAD + left + width);
  }
  return { width: PAD, height: PAD, values };
}

/** Rows and columns of the 28×28 image that hold any ink: [first, last] each. */
function extent(pixels: Float32Array): { rows: [number, number]; columns: [number, number] } {
  const rows: number[] = [];
  const columns: number[] = [];
  pixels.forEach((value, i) => {
    if (value <= 0) return;
    rows.push(Math.floor(i / 28));
    columns.push(i % 28);
  });
  return { rows: [Math.min(...rows), Math.max(...rows)], columns: [Math.min(...columns), Math.max(...columns)] };
}

function centreOfMass(pixels: Float32Array): { x: number; y: number } {
  let [mass, x, y] = [0, 0, 0];
  pixels.forEach((value, i) => {
    mass += value;
    x += value * ((i % 28) + 0.5);
    y += value * (Math.floor(i / 28) + 0.5);
  });
  return { x: x / mass, y: y / mass };
}

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('preprocessDrawing', () => {
  it('gives all zeros and says so for an empty pad, or one with only faint haze', () => {
    for (const ink of [pad([]), pad([[10, 10, 50, 50]], 10)]) {
      const { pixels, empty } = preprocessDrawing(ink);
      expect(empty).toBe(true);
      expect(pixels).toHaveLength(784);
      expect(pixels.every((value) => value === 0)).toBe(true);
    }
  });

  it('scales a tall stroke to 20 px high, keeps its aspect, and centres it', () => {
    // A "1": 20 px wide, 200 px tall, off to the top left of the pad.
    const { pixels, empty } = preprocessDrawing(pad([[30, 10, 20, 200]]));
    expect(empty).toBe(false);
    const { rows, columns } = extent(pixels);
    expect(rows[1] - rows[0] + 1).toBe(DIGIT_BOX);
    expect(columns[1] - columns[0] + 1).toBe(2); // 20 · (20 / 200)
    expect(rows).toEqual([4, 23]);
    expect(Math.max(...pixels)).toBe(1);
    expect(pixels.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('scales a wide shape so its longer side is 20 px', () => {
    const { pixels } = preprocessDrawing(pad([[40, 100, 200, 100]]));
    const { rows, columns } = extent(pixels);
    expect(columns[1] - columns[0] + 1).toBe(20);
    expect(rows[1] - rows[0] + 1).toBe(10);
  });

  it('puts the centre of mass at the centre of the field, not the centre of the box', () => {
    // An "L": a heavy foot makes the mass sit low and to the right of the box's centre.
    const { pixels } = preprocessDrawing(pad([[50, 50, 20, 180], [50, 190, 140, 40]]));
    const { x, y } = centreOfMass(pixels);
    expect(Math.abs(x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(y - 14)).toBeLessThanOrEqual(0.5);
    const { rows } = extent(pixels);
    expect(rows[0]).toBeGreaterThanOrEqual(0);
    expect(rows[1]).toBeLessThanOrEqual(27);
  });

  it('area-averages: a thin stroke becomes grey rather than vanishing, and the ink is conserved up to the scale', () => {
    // A 200×200 square outline with 5 px sides: scaled by 1/10, each side is half a pixel of ink.
    const ink = pad([[40, 40, 200, 5], [40, 235, 200, 5], [40, 40, 5, 200], [235, 40, 5, 200]]);
    const { pixels } = preprocessDrawing(ink);
    const greys = Array.from(pixels).filter((value) => value > 0 && value < 1);
    expect(greys.length).toBeGreaterThan(40);
    expect(Math.max(...pixels)).toBeLessThan(0.8);
    expect(sum(pixels)).toBeCloseTo(sum(ink.values) / 255 / 100, 3);
  });

  it('enlarges a small drawing to the same 20 px box', () => {
    const { pixels } = preprocessDrawing(pad([[100, 100, 8, 16]]));
    const { rows, columns } = extent(pixels);
    expect(rows[1] - rows[0] + 1).toBe(20);
    expect(columns[1] - columns[0] + 1).toBe(10);
  });

  it('refuses ink of the wrong size, naming it', () => {
    expect(() => preprocessDrawing({ width: 10, height: 10, values: new Uint8Array(99) })).toThrow(new RangeError('ink must hold 10×10 = 100 values, got 99'));
  });
});

describe('alphaChannel', () => {
  it('takes every fourth byte, whatever the colour', () => {
    expect(Array.from(alphaChannel([255, 255, 255, 0, 0, 0, 0, 200, 10, 20, 30, 255]))).toEqual([0, 200, 255]);
  });
});
