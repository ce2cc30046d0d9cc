// unit: weight tensors out of and back into the flat buffer, and the float16 / int8 link encodings with their error bounds.
import { describe, expect, it } from 'vitest';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { dequantizeParameters, measureQuantization, quantizedByteLength, quantizeParameters, WEIGHT_SCHEMES } from './quantize';
import { measureShareLink } from './share-link';
import { expectSameFloats, weightsWithBiases, withSpec } from './test-fixtures';
import { assembleParameters, extractDenseTensors, firstNonFinite, transpose } from './weights';

const glorot: ModelSpec = {
  layers: [
    { kind: 'dense', units: 128, activation: 'relu', init: 'glorot' },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'dense', units: 64, activation: 'tanh', init: 'glorot' },
  ],
};
const layout = parameterLayout(glorot);

const realisticWeights = (): Float32Array => weightsWithBiases(glorot, 3);

describe('dense tensors', () => {
  it('extracts each W [in, out] and b [out] and assembles the same flat buffer, padding zero', () => {
    const flat = realisticWeights();
    const tensors = extractDenseTensors(layout, flat);
    expect(tensors.map(({ inputs, outputs, weight, bias }) => [inputs, outputs, weight.length, bias.length])).toEqual([
      [784, 128, 784 * 128, 128],
      [128, 64, 128 * 64, 64],
      [64, 10, 640, 10],
    ]);
    expect(tensors[1]!.weight[5]).toBe(flat[layout.dense[1]!.weightOffset + 5]);
    expectSameFloats(assembleParameters(layout, tensors), flat);
  });

  it('refuses a buffer or tensors of the wrong size', () => {
    expect(() => extractDenseTensors(layout, new Float32Array(10))).toThrow(/expected \d+ parameters, got 10/);
    const tensors = extractDenseTensors(layout, realisticWeights());
    expect(() => assembleParameters(layout, tensors.slice(1))).toThrow(/expected 3 Dense layers/);
    tensors[2]!.bias = new Float32Array(9);
    expect(() => assembleParameters(layout, tensors)).toThrow(/Dense layer 3 must be 64×10/);
  });

  it('transposes and finds non-finite values', () => {
    expect([...transpose(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3)]).toEqual([1, 4, 2, 5, 3, 6]);
    expect(firstNonFinite(Float32Array.of(1, 2, Number.NaN))).toBe(2);
    expect(firstNonFinite(Float32Array.of(1, -Infinity))).toBe(1);
    expect(firstNonFinite(Float32Array.of(0, 1))).toBe(-1);
  });
});

describe('quantisation', () => {
  it('has the exact byte lengths the layout implies', () => {
    const weights = 784 * 128 + 128 * 64 + 64 * 10;
    const biases = 128 + 64 + 10;
    expect(quantizedByteLength(layout, 'float16')).toBe(2 * (weights + biases));
    expect(quantizedByteLength(layout, 'int8')).toBe(weights + 4 * biases + 4 * biases);
  });

  it('float16 stays within half a float16 step of every value', () => {
    const flat = realisticWeights();
    const decoded = dequantizeParameters(layout, quantizeParameters(layout, flat, 'float16'), 'float16');
    if (!decoded.ok) throw new Error(decoded.error);
    for (let i = 0; i < flat.length; i++) {
      const bound = Math.max(Math.abs(flat[i]!) * 2 ** -11, 2 ** -25);
      if (Math.abs(decoded.weights[i]! - flat[i]!) > bound) expect.fail(`value ${i}: ${flat[i]} became ${decoded.weights[i]}`);
    }
  });

  it('int8 stays within half a step (scale / 2) of every weight of its output unit, and keeps biases exact', () => {
    const flat = realisticWeights();
    const decoded = dequantizeParameters(layout, quantizeParameters(layout, flat, 'int8'), 'int8');
    if (!decoded.ok) throw new Error(decoded.error);
    const original = extractDenseTensors(layout, flat);
    extractDenseTensors(layout, decoded.weights).forEach(({ inputs, outputs, weight, bias }, layer) => {
      const reference = original[layer]!;
      expectSameFloats(bias, reference.bias);
      for (let j = 0; j < outputs; j++) {
        let maxAbs = 0;
        for (let i = 0; i < inputs; i++) maxAbs = Math.max(maxAbs, Math.abs(reference.weight[i * outputs + j]!));
        const bound = maxAbs / 127 / 2 + maxAbs * 2 ** -22;
        for (let i = 0; i < inputs; i++) {
          const k = i * outputs + j;
          if (Math.abs(weight[k]! - reference.weight[k]!) > bound) expect.fail(`layer ${layer} W[${i}, ${j}]: ${reference.weight[k]} became ${weight[k]}`);
        }
      }
    });
  });

  it('encodes zero weights, and refuses lengths that do not match', () => {
    const zeros = new Float32Array(layout.totalFloats);
    for (const scheme of WEIGHT_SCHEMES) {
      const bytes = quantizeParameters(layout, zeros, scheme);
      const decoded = dequantizeParameters(layout, bytes, scheme);
      if (!decoded.ok) throw new Error(decoded.error);
      expectSameFloats(decoded.weights, zeros);
      expect(dequantizeParameters(layout, bytes.subarray(1), scheme)).toEqual({ ok: false, error: `expected ${bytes.length} bytes of ${scheme} weights for this model, found ${bytes.length - 1}` });
    }
  });

  it('compares the schemes on Glorot-initialised weights (figures printed for the record)', async () => {
    const flat = realisticWeights();
    const tensors = extractDenseTensors(layout, flat);
    const values = tensors.flatMap(({ weight, bias }) => [...weight, ...bias]);
    const rmsWeight = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / values.length);
    const rows = [];
    for (const scheme of WEIGHT_SCHEMES) {
      const figures = measureQuantization(layout, flat, scheme);
      const link = await measureShareLink({ experiment: withSpec(glorot), trained: { weights: flat, epochs: 1, testAccuracy: 0.9 } }, { scheme });
      rows.push({ ...figures, linkChars: link.chars, relativeRms: figures.rmsError / rmsWeight });
      expect(figures.bytes).toBe(quantizedByteLength(layout, scheme));
    }
    console.log(`784-128-64-10 Glorot weights (${values.length} parameters, RMS ${rmsWeight.toPrecision(3)}):`);
    for (const row of rows) {
      console.log(
        `  ${row.scheme.padEnd(7)} ${row.bytes} bytes, link ${row.linkChars} chars, max |error| ${row.maxAbsError.toExponential(2)}, RMS error ${row.rmsError.toExponential(2)} (${(100 * row.relativeRms).toFixed(3)}% of RMS weight)`,
      );
    }
    const [int8, float16] = rows;
    expect(int8!.bytes).toBeLessThan(float16!.bytes);
    expect(int8!.relativeRms).toBeLessThan(0.01);
    expect(float16!.relativeRms).toBeLessThan(0.001);
  });
});
