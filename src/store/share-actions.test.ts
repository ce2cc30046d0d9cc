// unit: making a link (never while a field's text is invalid); opening links and model files through the store — a good
// one replaces the experiment, a bad one changes nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeSafetensors } from '../engine/codecs/safetensors';
import { encodeShareLink } from '../engine/codecs/share-link';
import { torchScript } from '../engine/export/torch-script';
import { classicExperiment, seededWeights } from '../engine/codecs/test-fixtures';
import { useAppStore } from './app-store';
import { draftSpec, experimentConfig, useExperimentStore } from './experiment-store';
import { clearFieldProblem, reportFieldProblem, useFieldProblems } from './field-problems';
import { exportTorchScript, importModelFile, makeShareLink, openShareLink } from './share-actions';

const snapshot = () => ({ experiment: experimentConfig(useExperimentStore.getState()), preset: useExperimentStore.getState().preset });

describe('opening links and files', () => {
  beforeEach(() => {
    useExperimentStore.setState(useExperimentStore.getInitialState(), true);
    useAppStore.setState(useAppStore.getInitialState(), true);
  });

  it('loads a valid link into the experiment and returns its weights for the first model', async () => {
    const weights = seededWeights(classicExperiment.spec, 3);
    const fragment = await encodeShareLink({ experiment: classicExperiment, trained: { weights, epochs: 2, testAccuracy: 0.97 } });
    const returned = await openShareLink(fragment, { build: false });
    expect(experimentConfig(useExperimentStore.getState())).toEqual(classicExperiment);
    expect(returned).toHaveLength(weights.length);
    expect(useAppStore.getState().opened).toEqual({ source: 'link', trained: { epochs: 2, testAccuracy: 0.97 } });
  });

  const badLinks = ['v1.', 'v9.AAAA', 'v1.<script>alert(1)</script>', `v1.${'A'.repeat(300_000)}`, 'v1.%41%41', '__proto__'];
  it.each(badLinks.map((link) => [link.slice(0, 30), link]))('refuses the link %s with a reason and changes nothing else', async (_, link) => {
    const before = snapshot();
    expect(await openShareLink(link)).toBeUndefined();
    expect(snapshot()).toEqual(before);
    const { errors, opened, modelRequest } = useAppStore.getState();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^This link could not be opened: .{10,}/);
    expect(opened).toBeUndefined();
    expect(modelRequest).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('opens a valid model file as the new experiment', async () => {
    const bytes = encodeSafetensors(classicExperiment, seededWeights(classicExperiment.spec), { epochs: 1, testAccuracy: 0.9 });
    await importModelFile(new File([bytes as Uint8Array<ArrayBuffer>], 'model.safetensors'));
    expect(draftSpec(useExperimentStore.getState().layers)).toEqual(classicExperiment.spec);
    expect(useAppStore.getState().opened).toMatchObject({ source: 'file', name: 'model.safetensors', trained: { epochs: 1 } });
  });

  it.each<[string, Uint8Array<ArrayBuffer>]>([
    ['an empty file', new Uint8Array()],
    ['text', new TextEncoder().encode('not a model at all')],
    ['a header longer than the file', Uint8Array.of(255, 255, 0, 0, 0, 0, 0, 0, 123)],
  ])('refuses %s with a reason and changes nothing else', async (_, bytes) => {
    const before = snapshot();
    await importModelFile(new File([bytes], 'bad.safetensors'));
    expect(snapshot()).toEqual(before);
    expect(useAppStore.getState().errors[0]).toMatch(/^The file bad\.safetensors could not be opened: .{10,}/);
  });
});

describe('making a link', () => {
  beforeEach(() => {
    useExperimentStore.setState(useExperimentStore.getInitialState(), true);
    useAppStore.setState(useAppStore.getInitialState(), true);
    useFieldProblems.setState(useFieldProblems.getInitialState(), true);
    vi.stubGlobal('location', { origin: 'https://studio.example', pathname: '/' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refuses while a field has a problem, naming the field, with or without the weights', async () => {
    reportFieldProblem('lr', { label: 'Learning rate', message: 'Must be at most 10.' });
    for (const withWeights of [false, true]) await expect(makeShareLink(withWeights)).rejects.toThrow('Fix the Learning rate field first: Must be at most 10.');
    clearFieldProblem('lr');
    const link = await makeShareLink(false);
    expect(link).toMatch(/^https:\/\/studio\.example\/#v1\./);
    await openShareLink(link.split('#')[1]!, { build: false });
    expect(experimentConfig(useExperimentStore.getState())).toEqual(experimentConfig(useExperimentStore.getInitialState()));
  });
});

describe('exporting a PyTorch script', () => {
  beforeEach(() => {
    useExperimentStore.setState(useExperimentStore.getInitialState(), true);
    useFieldProblems.setState(useFieldProblems.getInitialState(), true);
  });

  it('writes the edited experiment, and refuses while a field has a problem', () => {
    reportFieldProblem('lr', { label: 'Learning rate', message: 'Must be at most 10.' });
    expect(() => exportTorchScript()).toThrow('Fix the Learning rate field first: Must be at most 10.');
    clearFieldProblem('lr');
    expect(exportTorchScript()).toEqual({ source: torchScript(experimentConfig(useExperimentStore.getState())), fileName: 'backprop_studio_train.py' });
  });
});
