// Colour scales safe for colour-blind readers: viridis (sequential) and ColorBrewer's RdBu (diverging), and text that reads on them.

/** sRGB channels 0..255. */
export type Rgb = readonly [number, number, number];

const hex = (code: string): Rgb => [parseInt(code.slice(1, 3), 16), parseInt(code.slice(3, 5), 16), parseInt(code.slice(5, 7), 16)];

/** matplotlib's viridis at nine even stops: dark purple → blue → green → yellow, lightness rising all the way. */
const VIRIDIS = ['#440154', '#472c7a', '#3b518b', '#2c718e', '#21908d', '#27ad81', '#5cc863', '#aadc32', '#fde725'].map(hex);
/** ColorBrewer RdBu reversed: blue (negative) → near white (zero) → red (positive). */
const BLUE_WHITE_RED = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'].map(hex);

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));

/** Piecewise-linear interpolation through even stops, `t` in [0, 1]. */
function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const position = clamp(t, 0, 1) * (stops.length - 1);
  const index = Math.min(stops.length - 2, Math.floor(position));
  const [from, to, share] = [stops[index]!, stops[index + 1]!, position - index];
  const mix = (channel: 0 | 1 | 2) => Math.round(from[channel] + share * (to[channel] - from[channel]));
  return [mix(0), mix(1), mix(2)];
}

/** Viridis: `t` in [0, 1] (clamped; NaN counts as 0). */
export const sequentialColour = (t: number): Rgb => interpolate(VIRIDIS, t);

/** Blue–white–red: `t` in [-1, 1], 0 is white (clamped; NaN counts as 0). */
export const divergingColour = (t: number): Rgb => interpolate(BLUE_WHITE_RED, (clamp(t, -1, 1) + 1) / 2);

/** WCAG relative luminance, 0 (black) … 1 (white). */
function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** CIE L*, 0 … 100: perceived lightness. */
export function lightness(colour: Rgb): number {
  const y = relativeLuminance(colour);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** Black or white, whichever contrasts more with `background` (WCAG contrast ratio). */
export function textColourOn(background: Rgb): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(background);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

export const cssColour = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;
