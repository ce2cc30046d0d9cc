// unit: the builder's markup, rendered to a string (no DOM): accessible names, problems linked to fields, limits.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_LAYERS, type LayerSpec } from '../../engine/model/spec';
import type { DraftLayer } from '../../store/experiment-store';
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
});
