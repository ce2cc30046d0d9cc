// Unit tests of the chart files: computed styles inlined without CSS variables, the title and legend drawn as text, escaping, names.
import { describe, expect, it } from 'vitest';
import { chartFileName, escapeXml, inlineStyles, legendLayout, serialiseNode, standaloneSvg, type StyledElement, type StyleOf } from './chart-export';

type FakeElement = StyledElement & { style: Record<string, string> };

/** An element as the page has it: attributes (recharts writes `var(--…)` colours), its computed style, children or text. */
function fake(tagName: string, attributes: Record<string, string>, style: Record<string, string>, children: FakeElement[] = [], text = ''): FakeElement {
  return { tagName, attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })), children, textContent: children.length ? children.map((child) => child.textContent).join('') : text, style };
}

const styleOf: StyleOf = (element) => ({ getPropertyValue: (property) => (element as FakeElement).style[property] ?? '' });

const FONT = { 'font-family': 'system-ui, "Segoe UI", sans-serif', 'font-size': '11px', fill: 'rgb(0, 0, 0)' };

/** A small drawn chart: a train curve coloured by a variable, a grid line styled by a CSS rule, a tick label, a hidden tooltip cursor. */
const drawnChart = () =>
  fake('svg', { class: 'recharts-surface', width: '400', height: '200', viewBox: '0 0 400 200', style: 'height: var(--chart-height)', tabindex: '0' }, FONT, [
    fake('path', { class: 'recharts-line-curve', d: 'M0,10L50,20', stroke: 'var(--chart-train)', 'stroke-width': '2' }, { ...FONT, stroke: 'rgb(59, 91, 219)', 'stroke-width': '2px', 'stroke-opacity': '0.3' }),
    fake('line', { x1: '0', x2: '400', y1: '50', y2: '50' }, { ...FONT, stroke: 'rgb(230, 233, 239)' }),
    fake('text', { x: '10', y: '190', 'text-anchor': 'middle' }, { ...FONT, fill: 'rgb(93, 107, 126)' }, [fake('tspan', { x: '10' }, { ...FONT, fill: 'rgb(93, 107, 126)' }, [], '0.5')]),
    fake('path', { class: 'recharts-tooltip-cursor', d: 'M5,0L5,200' }, { ...FONT, display: 'none' }),
  ]);

describe('inlineStyles', () => {
  const plot = inlineStyles(drawnChart(), styleOf)!;
  const markup = serialiseNode(plot);

  it('writes computed colours and widths as attributes in place of CSS variables and classes', () => {
    const [curve, grid] = plot.children;
    expect(curve!.attributes).toEqual({ d: 'M0,10L50,20', 'stroke-width': '2px', stroke: 'rgb(59, 91, 219)', 'stroke-opacity': '0.3' });
    expect(grid!.attributes.stroke).toBe('rgb(230, 233, 239)');
    expect(markup).not.toContain('var(--');
    expect(markup).not.toMatch(/class=|style=|tabindex=/);
  });
  it('writes an inherited property once, where it changes', () => {
    expect(plot.attributes['font-family']).toBe(FONT['font-family']);
    expect(plot.children[0]!.attributes['font-family']).toBeUndefined();
    expect(plot.children[2]!.attributes.fill).toBe('rgb(93, 107, 126)');
    expect(plot.children[2]!.children[0]!.attributes.fill).toBeUndefined();
  });
  it('keeps the text of labels and leaves out what is not displayed', () => {
    expect(markup).toContain('<tspan x="10">0.5</tspan>');
    expect(plot.children).toHaveLength(3);
    expect(markup).not.toContain('M5,0L5,200');
  });
});

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<run "a" & 'b'>`)).toBe('&lt;run &quot;a&quot; &amp; &apos;b&apos;&gt;');
  });
});

describe('standaloneSvg', () => {
  const picture = {
    title: 'Loss',
    legend: [
      { label: 'Train (smoothed)', colour: 'rgb(59, 91, 219)', opacity: 1, dot: false },
      { label: 'Test <held out>', colour: 'rgb(232, 89, 12)', opacity: 1, dot: true },
    ],
    plot: inlineStyles(drawnChart(), styleOf)!,
    width: 400.4,
    height: 200,
    background: 'rgb(255, 255, 255)',
    textColour: 'rgb(28, 36, 48)',
    mutedColour: 'rgb(93, 107, 126)',
    fontFamily: 'system-ui, "Segoe UI", sans-serif',
  };
  const { markup, width, height } = standaloneSvg(picture);

  it('is a standalone SVG document of the card’s size, the plot below the header', () => {
    expect(markup).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="400" height="248" viewBox="0 0 400 248" font-family="system-ui, &quot;Segoe UI&quot;, sans-serif">/);
    expect([width, height]).toEqual([400, 248]);
    expect(markup).toContain('<rect width="400" height="248" fill="rgb(255, 255, 255)"></rect>');
    expect(markup).toMatch(/<svg width="400" height="200" viewBox="0 0 400 200" [^>]* x="0" y="48"><path d="M0,10L50,20"/);
    expect(markup).not.toContain('var(--');
  });
  it('draws the title and the legend as text in their colours, escaped', () => {
    expect(markup).toContain('<title>Loss</title>');
    expect(markup).toContain('<text x="12" y="20" font-size="15" font-weight="600" fill="rgb(28, 36, 48)">Loss</text>');
    expect(markup).toContain('>Train (smoothed)</text>');
    expect(markup).toContain('>Test &lt;held out&gt;</text>');
    expect(markup).toContain('<circle cx="');
    expect(markup).toContain('fill="rgb(232, 89, 12)"');
  });
});

describe('legendLayout', () => {
  it('puts entries side by side and wraps those that do not fit onto a new row', () => {
    const [first, second, third] = legendLayout(['Train (smoothed)', 'Train (raw)', 'Test'], 300);
    expect(first).toEqual({ x: 12, y: 38 });
    expect(second!.y).toBe(38);
    expect(second!.x).toBeGreaterThan(first!.x + 'Train (smoothed)'.length * 6);
    expect(third).toEqual({ x: 12, y: 56 });
  });
  it('keeps an entry wider than the card on its own row', () => {
    expect(legendLayout(['A run with a very long name indeed'], 100)).toEqual([{ x: 12, y: 38 }]);
  });
});

describe('chartFileName', () => {
  it('names the file after the chart', () => {
    expect(chartFileName('loss by step', 'svg')).toBe('backprop-studio-loss-by-step.svg');
    expect(chartFileName('runs Train accuracy by epoch', 'png')).toBe('backprop-studio-runs-train-accuracy-by-epoch.png');
  });
});
