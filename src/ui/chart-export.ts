// Standalone chart files (pure): a drawn chart's SVG with its computed styles inlined, framed with its title and legend.

/** An SVG element as it goes into the file: resolved presentation attributes, no classes or CSS variables. */
export interface SvgNode {
  tag: string;
  attributes: Record<string, string>;
  children: SvgNode[];
  /** The text of a leaf element (a `<tspan>` label); absent when it has child elements. */
  text?: string;
}

/** The parts of a DOM element the inlining reads (a real `Element` fits). */
export interface StyledElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  children: ArrayLike<StyledElement>;
  textContent: string | null;
}

/** The computed style of an element (`getComputedStyle` in the page). */
export type StyleOf = (element: StyledElement) => { getPropertyValue(property: string): string };

/** Inherited SVG properties: written where they differ from the parent's, so the file stays small. */
const INHERITED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight'] as const;
/** Page-only attributes: styling hooks and accessibility of the live chart. */
const PAGE_ONLY = /^(class|style|tabindex|role|focusable|aria-|data-)/;

type Inherited = Partial<Record<(typeof INHERITED)[number], string>>;

/**
 * The element and its visible descendants with their computed styles as presentation attributes; class and style
 * dropped, and any attribute still naming a CSS variable replaced by (or left to) the computed value.
 */
export function inlineStyles(element: StyledElement, styleOf: StyleOf, parent: Inherited = {}): SvgNode | undefined {
  const style = styleOf(element);
  if (style.getPropertyValue('display') === 'none') return undefined;
  const attributes: Record<string, string> = {};
  for (const { name, value } of Array.from(element.attributes)) if (!PAGE_ONLY.test(name) && !value.includes('var(')) attributes[name] = value;
  const inherited: Inherited = {};
  for (const property of INHERITED) {
    const value = style.getPropertyValue(property);
    inherited[property] = value;
    if (value !== '' && value !== parent[property]) attributes[property] = value;
  }
  const opacity = style.getPropertyValue('opacity');
  if (opacity !== '' && opacity !== '1') attributes.opacity = opacity;
  const children = Array.from(element.children).flatMap((child) => inlineStyles(child, styleOf, inherited) ?? []);
  return { tag: element.tagName, attributes, children, text: children.length === 0 ? (element.textContent ?? '') : undefined };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function element(tag: string, attributes: Record<string, string | number>, content = ''): string {
  const written = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`);
  return `<${tag}${written.join('')}>${content}</${tag}>`;
}

/** The node as SVG markup. */
export function serialiseNode(node: SvgNode): string {
  return element(node.tag, node.attributes, node.text === undefined ? node.children.map(serialiseNode).join('') : escapeXml(node.text));
}

/** A legend entry as drawn in the card: its label and swatch (a short line, or a dot for test points). */
export interface LegendSwatch {
  label: string;
  colour: string;
  opacity: number;
  dot: boolean;
}

/** A drawn chart card: what the file shows, in resolved colours. */
export interface ChartPicture {
  title: string;
  legend: readonly LegendSwatch[];
  /** The recharts `<svg>` with its styles inlined, and its size in px. */
  plot: SvgNode;
  width: number;
  height: number;
  background: string;
  textColour: string;
  mutedColour: string;
  fontFamily: string;
}

/** The header's layout in px: padding, font sizes, baselines, legend swatches and gaps. */
const HEADER = { pad: 12, titlePx: 15, legendPx: 12, titleBaseline: 20, legendRow: 18, swatch: 14, swatchGap: 5, entryGap: 14, belowLegend: 10 } as const;
/** An average character width in em for a sans-serif label; enough to lay out the legend without measuring. */
const CHAR_EM = 0.6;

const round = (value: number) => Math.round(value * 10) / 10;

/** Where each legend entry starts (x, baseline y), wrapping onto new rows within `width`. */
export function legendLayout(labels: readonly string[], width: number): Array<{ x: number; y: number }> {
  let x = HEADER.pad;
  let y = HEADER.titleBaseline + HEADER.legendRow;
  return labels.map((label) => {
    const entryWidth = HEADER.swatch + HEADER.swatchGap + label.length * HEADER.legendPx * CHAR_EM;
    if (x > HEADER.pad && x + entryWidth > width - HEADER.pad) [x, y] = [HEADER.pad, y + HEADER.legendRow];
    const at = { x: round(x), y };
    x += entryWidth + HEADER.entryGap;
    return at;
  });
}

function legendEntry(entry: LegendSwatch, { x, y }: { x: number; y: number }): string {
  const swatch = entry.dot
    ? element('circle', { cx: x + 4, cy: y - 4, r: 4, fill: entry.colour, opacity: entry.opacity })
    : element('rect', { x, y: y - 5.5, width: HEADER.swatch, height: 3, rx: 1.5, fill: entry.colour, opacity: entry.opacity });
  return swatch + element('text', { x: round(x + HEADER.swatch + HEADER.swatchGap), y }, escapeXml(entry.label));
}

/** The card as one self-contained SVG file: background, title, legend, then the plot; with the file's size in px. */
export function standaloneSvg(picture: ChartPicture): { markup: string; width: number; height: number } {
  const { title, legend, plot, background, textColour, mutedColour, fontFamily } = picture;
  const width = Math.round(picture.width);
  const places = legendLayout(legend.map((entry) => entry.label), width);
  const top = (places.at(-1)?.y ?? HEADER.titleBaseline) + HEADER.belowLegend;
  const plotHeight = Math.round(picture.height);
  const height = top + plotHeight;
  const plotPlace = { x: '0', y: String(top), width: String(width), height: String(plotHeight), viewBox: plot.attributes.viewBox ?? `0 0 ${width} ${plotHeight}` };
  const content = [
    element('title', {}, escapeXml(title)),
    element('rect', { width, height, fill: background }),
    element('text', { x: HEADER.pad, y: HEADER.titleBaseline, 'font-size': HEADER.titlePx, 'font-weight': 600, fill: textColour }, escapeXml(title)),
    element('g', { 'font-size': HEADER.legendPx, fill: mutedColour }, legend.map((entry, i) => legendEntry(entry, places[i]!)).join('')),
    serialiseNode({ ...plot, attributes: { ...plot.attributes, ...plotPlace } }),
  ];
  const root = { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': fontFamily };
  return { markup: element('svg', root, content.join('')), width, height };
}

/** The download's name: `backprop-studio-loss-by-step.svg`. */
export function chartFileName(name: string, extension: 'svg' | 'png'): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `backprop-studio-${slug}.${extension}`;
}
