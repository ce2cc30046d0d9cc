// unit: the builder's markup, rendered to a string (no DOM): accessible names, problems linked to fields, limits.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_LAYERS, type LayerSpec } from '../../engine/model/spec';
import type { DraftLayer } from '../../store/experiment-store';
import { PRESETS } from '../../store/presets';
import { NetworkBuilder, NetworkEditor } from './NetworkBuilder';

const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu', init: 'he' });
const drafts = (layers: LayerSpec[]): DraftLayer[] => layers.map((layer, i) => ({ ...layer, id: `l${i}` }));
const render = (layers: LayerSpec[], disabled = false) => renderToStaticMarkup(createElement(NetworkEditor, { layers: drafts(layers), batchSize: 128, disabled }));
/** The opening tag of the element with this aria-label. */
const tagLabelled = (html: string, label: string) => new RegExp(`<[^>]*aria-label="${label.replace(/[()]/g, '\\$&')}"[^>]*>`).exec(html)?.[0];

describe('NetworkBuilder markup', () => {
  it('renders the default network from the store with named controls and totals', () => {
    const html = renderToStaticMarkup(createElement(NetworkBuilder));
    expect(html).toContain('Input 784 · 28×28 pixels');
    expect(html).toContain('Output 10 · softmax');
    for (const label of [
      'Drag layer 1 (Dense 128 relu)',
      'Units of layer 1',
      'Activation of layer 2',
      'Initialization of layer 2',
      'Delete layer 2',
      'Move layer 1 up',
      'Move layer 2 down',
      'Add Dense layer',
      'Add Dropout layer',
      'Drag a new Dropout layer into the network',
    ])
      expect(tagLabelled(html, label), label).toBeDefined();
    expect(html).toMatch(/data-testid="network-parameters">109,386</);
    expect(tagLabelled(html, 'Move layer 1 up')).toContain('aria-disabled="true"');
    expect(html).toContain('<option value="leaky_relu">leaky ReLU</option>');
    expect(html).toContain('<option value="gelu">GELU</option>');
  });

  it('marks an invalid field and links it to the message at its layer', () => {
    const html = render([dense(64), dense(0), { kind: 'dropout', rate: 0.2 }]);
    const units = tagLabelled(html, 'Units of layer 2')!;
    expect(units).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(units)![1]!;
    expect(html).toContain(`id="${describedBy}" class="builder-issue">layer 2: units must be at least 1</p>`);
    expect(tagLabelled(html, 'Units of layer 1')).not.toContain('aria-invalid');
    expect(tagLabelled(html, 'Dropout rate of layer 3')).toBeDefined();
    expect(html).toMatch(/data-testid="network-parameters">—</);
    expect(html).toContain('1 problem keeps this network from training');
  });

  it('disables adding at the layer limit and says so at the network', () => {
    const html = render(Array.from({ length: MAX_HIDDEN_LAYERS }, () => dense(8)));
    expect(tagLabelled(html, 'Add Dense layer')).toContain('disabled=""');
    expect(html).toContain(`The network has ${MAX_HIDDEN_LAYERS} hidden layers, the most it can have.`);
  });

  it('reports too many layers at the network', () => {
    const html = render(Array.from({ length: MAX_HIDDEN_LAYERS + 1 }, () => dense(8)));
    expect(html).toContain(`a model has at most ${MAX_HIDDEN_LAYERS} hidden layers`);
  });

  it('locks every control while disabled and says why', () => {
    const html = render([dense(64)], true);
    expect(html).toContain('Pause to edit the network.');
    expect(html).toMatch(/<fieldset class="builder-layout" disabled="">/);
  });

  it('gives conv layers their fields, and each card its output shape', () => {
    const html = render(PRESETS.convnet.spec.layers);
    for (const label of ['Filters of layer 1', 'Kernel size of layer 1', 'Stride of layer 1', 'Padding of layer 1', 'Pool size of layer 2', 'Pool stride of layer 2', 'Drag layer 5 (Flatten)'])
      expect(tagLabelled(html, label), label).toBeDefined();
    const shapes = [...html.matchAll(/data-testid="layer-output-shape"[^>]*>([^<]+)</g)].map((match) => match[1]);
    expect(shapes).toEqual(['28×28×1', '24×24×24', '12×12×24', '10×10×32', '5×5×32', '800', '128', '10']);
  });

  it('shows each layer as one line with its output shape while disabled', () => {
    const html = render(PRESETS.lenet5.spec.layers, true);
    expect(tagLabelled(html, 'Filters of layer 1')).toBeUndefined();
    expect(tagLabelled(html, 'Delete layer 1')).toBeUndefined();
    expect(html).toContain('Conv2D 6 5×5 same relu</h3><span class="builder-card-shape"><span class="visually-hidden">output </span>28×28×6</span>');
    expect(html).toContain('MaxPool 2×2</h3><span class="builder-card-shape"><span class="visually-hidden">output </span>14×14×6</span>');
  });
});
