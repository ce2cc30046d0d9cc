// unit: the generated PyTorch script: each experiment's block against golden files reviewed by eye (`vitest -u` rewrites them), the rest the template's.
import { describe, expect, it } from 'vitest';
import { TORCH_EXPERIMENTS } from '../../../tests/fixtures/torch-experiments';
import { experimentBlock, torchScript } from './torch-script';
import template from './torch-script.py?raw';

describe('torchScript', () => {
  it.each(Object.entries(TORCH_EXPERIMENTS))('writes the experiment block of golden/%s.py.golden', async (name, experiment) => {
    await expect(experimentBlock(experiment)).toMatchFileSnapshot(`golden/${name}.py.golden`);
  });

  it.each(Object.entries(TORCH_EXPERIMENTS))('%s: is the template line for line, with its experiment block in place of the placeholder', (_, experiment) => {
    const script = torchScript(experiment).split('\n');
    const lines = template.split('\n');
    const [start, end] = [lines.indexOf('# <experiment>'), lines.indexOf('# </experiment>')];
    const block = experimentBlock(experiment).split('\n').slice(0, -1);
    expect(script).toEqual([...lines.slice(0, start + 1), ...block, ...lines.slice(end)]);
  });

  it('refuses an invalid experiment, naming the field', () => {
    const experiment = TORCH_EXPERIMENTS['adamw-gelu'];
    expect(() => torchScript({ ...experiment, settings: { ...experiment.settings, batchSize: 0 } })).toThrow(/settings\.batchSize/);
  });
});
