// unit: .safetensors model files — PyTorch names and [out, in] shapes, a bit-exact round trip, and malformed files refused.
import { afterEach, describe, expect, it } from 'vitest';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { checkModelFileSize, decodeSafetensors, encodeSafetensors, MAX_MODEL_FILE_BYTES, readModelFile } from './safetensors';
import { classicExperiment, expectPrototypeUntouched, expectSameFloats, modelFileParts, prototypeKeys, seededWeights, withSpec, type SafetensorsHeader as Header } from './test-fixtures';
import { torchModules, torchSequentialSource, torchTensors } from './torch-modules';

const tinySpec: ModelSpec = { layers: [{ kind: 'dense', units: 4, activation: 'sigmoid', init: 'glorot' }] };
const tinyExperiment = withSpec(tinySpec);
const tinyWeights = seededWeights(tinySpec, 9);

/** The tiny model's file split into its parsed header and its data section. */
const validParts = (): { header: Header; data: Uint8Array } => modelFileParts(encodeSafetensors(tinyExperiment, tinyWeights, { epochs: 3, testAccuracy: 0.75 }));

/** A file from a header (object or raw text) and data, with the header length as given or the true one. */
function fileFrom(header: object | string | Uint8Array, data: Uint8Array, length?: bigint): Uint8Array {
  const json = header instanceof Uint8Array ? header : new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, length ?? BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

/** The valid file after `edit` of its header and data. */
function edited(edit: (header: Header, data: Uint8Array) => Uint8Array | void): Uint8Array {
  const { header, data } = validParts();
  return fileFrom(header, edit(header, data) ?? data);
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.of(...a, ...b);
const float32Bytes = (value: number): Uint8Array => new Uint8Array(Float32Array.of(value).buffer);

describe('PyTorch module naming', () => {
  const brief: ModelSpec = {
    layers: [
      { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
    ],
  };

  it('numbers modules as nn.Sequential does: Linear, activation, Dropout, …, a final Linear to 10', () => {
    expect(torchModules(brief).map(({ index, source }) => `${index} ${source}`)).toEqual([
      '0 nn.Linear(784, 128)',
      '1 nn.ReLU()',
      '2 nn.Dropout(p=0.2)',
      '3 nn.Linear(128, 64)',
      '4 nn.ReLU()',
      '5 nn.Linear(64, 10)',
    ]);
    expect(torchTensors(brief).map(({ name, shape }) => `${name} [${shape.join(', ')}]`)).toEqual([
      '0.weight [128, 784]',
      '0.bias [128]',
      '3.weight [64, 128]',
      '3.bias [64]',
      '5.weight [10, 64]',
      '5.bias [10]',
    ]);
  });

  it('keeps indices predictable for every activation, and has only the output layer for an empty spec', () => {
    const activations: ModelSpec = {
      layers: (['linear', 'leaky_relu', 'gelu', 'tanh', 'sigmoid'] as const).map((activation) => ({ kind: 'dense', units: 8, activation, init: 'glorot' })),
    };
    expect(torchModules(activations).filter(({ index }) => index % 2 === 1).map(({ source }) => source)).toEqual([
      'nn.Identity()',
      'nn.LeakyReLU(0.01)',
      'nn.GELU()',
      'nn.Tanh()',
      'nn.Sigmoid()',
    ]);
    expect(torchModules({ layers: [] })).toEqual([{ index: 0, source: 'nn.Linear(784, 10)', dense: 0 }]);
  });

  it('writes the Python source', () => {
    expect(torchSequentialSource(brief)).toBe(
      [
        'from torch import nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(784, 128),  # 0',
        '    nn.ReLU(),  # 1',
        '    nn.Dropout(p=0.2),  # 2',
        '    nn.Linear(128, 64),  # 3',
        '    nn.ReLU(),  # 4',
        '    nn.Linear(64, 10),  # 5',
        ')',
      ].join('\n'),
    );
  });
});

describe('encodeSafetensors', () => {
  it('writes the safetensors layout: u64 LE length, space-padded JSON header, contiguous F32 tensors stored [out, in]', () => {
    const bytes = encodeSafetensors(tinyExperiment, tinyWeights, { epochs: 3, testAccuracy: 0.75 });
    const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(length % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + length));
    expect(text.startsWith('{')).toBe(true);
    expect(text.trimEnd().length).toBeGreaterThan(length - 8);
    const header = JSON.parse(text) as Header;
    expect(header['0.weight']).toEqual({ dtype: 'F32', shape: [4, 784], data_offsets: [0, 4 * 784 * 4] });
    expect(header['0.bias']).toEqual({ dtype: 'F32', shape: [4], data_offsets: [12544, 12560] });
    expect(header['2.weight']).toEqual({ dtype: 'F32', shape: [10, 4], data_offsets: [12560, 12720] });
    expect(header['2.bias']).toEqual({ dtype: 'F32', shape: [10], data_offsets: [12720, 12760] });
    expect(bytes.length).toBe(8 + length + 12760);
    expect(header.__metadata__).toEqual({ format: 'pt', backprop_studio_format: '1', backprop_studio: JSON.stringify(tinyExperiment), epochs: '3', test_accuracy: '0.75' });
    // W[i = 5, j = 2] of the buffer's [in, out] is element [2, 5] of the file's [out, in].
    const { weightOffset } = parameterLayout(tinySpec).dense[0]!;
    expect(new DataView(bytes.buffer).getFloat32(8 + length + 4 * (2 * 784 + 5), true)).toBe(tinyWeights[weightOffset + 5 * 4 + 2]);
  });

  it('refuses what it could not read back', () => {
    expect(() => encodeSafetensors({ ...tinyExperiment, seed: -1 }, tinyWeights)).toThrow(/invalid experiment: seed/);
    expect(() => encodeSafetensors(tinyExperiment, new Float32Array(5))).toThrow(/expected \d+ parameters, got 5/);
    expect(() => encodeSafetensors(tinyExperiment, seededWeights(tinySpec).fill(Number.NaN, 3, 4))).toThrow(/not all finite/);
    expect(() => encodeSafetensors(tinyExperiment, tinyWeights, { testAccuracy: 2 })).toThrow(/testAccuracy: must be at most 1/);
  });
});

describe('decodeSafetensors', () => {
  it('round-trips the experiment and every weight bit-exactly, with epochs and accuracy', () => {
    const weights = seededWeights(classicExperiment.spec, 4);
    const decoded = decodeSafetensors(encodeSafetensors(classicExperiment, weights, { epochs: 12, testAccuracy: 0.9812 }));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.experiment).toEqual(classicExperiment);
    expect([decoded.epochs, decoded.testAccuracy]).toEqual([12, 0.9812]);
    expectSameFloats(decoded.weights, weights);
  });

  it('reads a file without extras, tensors stored in another order, and metadata it does not know (even __proto__)', () => {
    const plain = decodeSafetensors(encodeSafetensors(tinyExperiment, tinyWeights));
    expect(plain.ok && [plain.epochs, plain.testAccuracy]).toEqual([undefined, undefined]);
    const before = prototypeKeys();
    const reordered = edited((header, data) => {
      header.__metadata__ = JSON.parse(`{"__proto__":"x","note":"hi",${JSON.stringify(header.__metadata__).slice(1)}`);
      const bias = data.slice(12544, 12560);
      data.copyWithin(16, 0, 12544);
      data.set(bias, 0);
      header['0.bias']!.data_offsets = [0, 16];
      header['0.weight']!.data_offsets = [16, 12560];
    });
    const decoded = decodeSafetensors(reordered);
    if (!decoded.ok) throw new Error(decoded.error);
    expectSameFloats(decoded.weights, tinyWeights);
    expectPrototypeUntouched(before);
  });

  it('reads a File after checking its size, and refuses an oversized one unread', async () => {
    const decoded = await readModelFile(new Blob([encodeSafetensors(tinyExperiment, tinyWeights) as Uint8Array<ArrayBuffer>]));
    expect(decoded.ok).toBe(true);
    const huge = { size: MAX_MODEL_FILE_BYTES + 1, arrayBuffer: () => expect.fail('read an oversized file') } as unknown as Blob;
    expect(checkModelFileSize(huge)).toEqual({ ok: false, error: 'The model file is 1024 MiB, more than the 1024 MiB the largest model needs.' });
    expect(await readModelFile(huge)).toEqual(checkModelFileSize(huge));
  });

  it('allows the largest legal model (16 hidden layers of 4096) under MAX_MODEL_FILE_BYTES', () => {
    const largest: ModelSpec = { layers: Array.from({ length: 16 }, () => ({ kind: 'dense', units: 4096, activation: 'gelu', init: 'he' })) };
    const dataBytes = 4 * torchTensors(largest).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
    expect(8 + 64 * 1024 + dataBytes).toBeLessThan(MAX_MODEL_FILE_BYTES);
  });
});

describe('malformed model files', () => {
  const before = prototypeKeys();
  afterEach(() => expectPrototypeUntouched(before));

  const cases: [string, () => Uint8Array, string][] = [
    ['an empty file', () => new Uint8Array(0), 'The model file is 0 bytes long, too short to be a safetensors file.'],
    ['a 7-byte file', () => new Uint8Array(7), 'The model file is 7 bytes long'],
    ['a header length past the end', () => fileFrom('{}', new Uint8Array(0), 100n), 'The model file is cut short: its header should be 100 bytes, but only 2 follow.'],
    ['a header length of 2⁴⁰', () => fileFrom('{}', new Uint8Array(0), 2n ** 40n), "The model file's header length is 1099511627776 bytes, more than the 1048576 allowed"],
    ['a header length of 2⁶⁴ − 1', () => fileFrom('{}', new Uint8Array(0), 2n ** 64n - 1n), 'header length is 18446744073709551615 bytes'],
    ['a header length of 0', () => fileFrom('', new Uint8Array(0)), "The model file's header is not valid JSON text."],
    ['a header that is not JSON', () => fileFrom('hello   ', new Uint8Array(0)), "The model file's header is not valid JSON text."],
    ['a header that is not UTF-8', () => fileFrom(Uint8Array.of(0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d), new Uint8Array(0)), "The model file's header is not valid JSON text."],
    ['a header that is an array', () => fileFrom('[1, 2]', new Uint8Array(0)), "The model file's header is not a JSON object."],
    ['a header that is null', () => fileFrom('null', new Uint8Array(0)), "The model file's header is not a JSON object."],
    ['dtype F16', () => edited((h) => void (h['0.bias']!.dtype = 'F16')), 'The model file\'s tensor "0.bias" has dtype "F16"; only F32 (float32) is supported.'],
    ['dtype I64', () => edited((h) => void (h['2.weight']!.dtype = 'I64')), 'tensor "2.weight" has dtype "I64"; only F32'],
    ['dtype __proto__', () => edited((h) => void (h['2.weight']!.dtype = '__proto__')), 'has dtype "__proto__"'],
    ['a negative dimension', () => edited((h) => void (h['0.bias']!.shape = [-4])), 'The model file\'s tensor "0.bias" is malformed: shape[0]: must be at least 0.'],
    ['a fractional dimension', () => edited((h) => void (h['0.bias']!.shape = [4.5])), 'shape[0]: must be a whole number'],
    ['a dimension as text', () => edited((h) => void (h['0.bias']!.shape = ['4' as never])), 'shape[0]: must be a number'],
    ['an overflowing shape', () => edited((h) => void (h['0.bias']!.shape = [2 ** 30, 2 ** 30, 2 ** 30])), 'has shape [1073741824, 1073741824, 1073741824], too large to exist'],
    ['nine dimensions', () => edited((h) => void (h['0.bias']!.shape = [1, 1, 1, 1, 1, 1, 1, 1, 4])), 'shape: must have at most 8 items'],
    ['an extra entry field', () => edited((h) => void (h['0.bias']!.offset = 3)), 'is malformed: entry: unknown field "offset"'],
    ['an entry that is a string', () => edited((h) => void ((h as Record<string, unknown>)['0.bias'] = 'F32')), 'is malformed: entry: must be an object'],
    ['three data offsets', () => edited((h) => void (h['0.bias']!.data_offsets = [12544, 12560, 0])), 'is malformed: data_offsets'],
    ['offsets past 2⁵³', () => edited((h) => void (h['0.bias']!.data_offsets = [2 ** 60, 2 ** 60 + 16])), 'is malformed: data_offsets[0]'],
    ['offsets that end before they begin', () => edited((h) => void (h['0.bias']!.data_offsets = [12560, 12544])), 'has data_offsets [12560, 12544] that end before they begin'],
    ['offsets that do not match the shape', () => edited((h) => void (h['0.bias']!.data_offsets = [12544, 12564])), 'has data_offsets spanning 20 bytes, but its shape [4] needs 16'],
    ['overlapping offsets', () => edited((h) => void (h['0.bias']!.data_offsets = [12540, 12556])), 'The model file\'s tensor "0.bias" overlaps the one before it (data_offsets start at 12540, before 12544).'],
    ['a gap between tensors', () => edited((h, d) => { h['2.weight']!.data_offsets = [12564, 12724]; h['2.bias']!.data_offsets = [12724, 12764]; return concat(d, new Uint8Array(4)); }), 'The model file has a gap of 4 bytes before tensor "2.weight".'],
    ['data cut short', () => edited((_, d) => d.subarray(0, d.length - 4)), 'The model file is cut short: its tensors need 12760 bytes of data, but it has 12756.'],
    ['trailing bytes', () => edited((_, d) => concat(d, new Uint8Array(4))), 'The model file has 4 bytes after its last tensor.'],
    ['an extra tensor', () => edited((h, d) => { (h as Record<string, unknown>)['9.weight'] = { dtype: 'F32', shape: [1], data_offsets: [12760, 12764] }; return concat(d, new Uint8Array(4)); }), 'The model file has a tensor "9.weight" that this model does not have (it expects 0.weight, 0.bias, 2.weight, 2.bias).'],
    ['a tensor named __proto__', () => edited((h, d) => { Object.defineProperty(h, '__proto__', { value: { dtype: 'F32', shape: [1], data_offsets: [12760, 12764] }, enumerable: true }); return concat(d, new Uint8Array(4)); }), 'has a tensor "__proto__" that this model does not have'],
    ['a missing tensor', () => edited((h, d) => { delete (h as Record<string, unknown>)['2.bias']; return d.subarray(0, 12720); }), 'The model file is missing the tensor "2.bias".'],
    ['a weight stored [in, out]', () => edited((h) => void (h['0.weight']!.shape = [784, 4])), 'The model file\'s tensor "0.weight" has shape [784, 4], but this model needs [4, 784].'],
    ['tensors for another model', () => edited((h) => void (h.__metadata__.backprop_studio = JSON.stringify(classicExperiment))), 'The model file has a tensor "2.weight" that this model does not have'],
    ['a NaN weight', () => edited((_, d) => d.set(float32Bytes(Number.NaN), 40)), 'The model file\'s tensor "0.weight" holds a value that is not a finite number (NaN) at element 10.'],
    ['an infinite bias', () => edited((_, d) => d.set(float32Bytes(-Infinity), 12720 + 8)), 'tensor "2.bias" holds a value that is not a finite number (-Infinity) at element 2'],
    ['no metadata', () => edited((h) => void delete (h as Partial<Header>).__metadata__), 'The model file was not saved by Backprop Studio: its __metadata__ has no "backprop_studio" entry.'],
    ['metadata without the experiment', () => edited((h) => void delete h.__metadata__.backprop_studio), 'its __metadata__ has no "backprop_studio" entry'],
    ['metadata that is an array', () => edited((h) => void (h.__metadata__ = ['x'] as never)), "The model file's __metadata__ is not an object."],
    ['a metadata value that is not a string', () => edited((h) => void (h.__metadata__.epochs = 3)), 'The model file\'s __metadata__ entry "epochs" is not a string.'],
    ['another format version', () => edited((h) => void (h.__metadata__.backprop_studio_format = '2')), 'The model file\'s format version is "2"; this app reads "1".'],
    ['no format version', () => edited((h) => void delete h.__metadata__.backprop_studio_format), 'format version is "missing"'],
    ['an experiment that is not JSON', () => edited((h) => void (h.__metadata__.backprop_studio = '{nope')), 'The model file\'s "backprop_studio" metadata is not valid JSON.'],
    ['an invalid experiment', () => edited((h) => void (h.__metadata__.backprop_studio = JSON.stringify({ ...tinyExperiment, settings: { ...tinyExperiment.settings, batchSize: 0 } }))), "The model file's settings are invalid: settings.batchSize: must be at least 1."],
    ['an experiment with __proto__', () => edited((h) => void (h.__metadata__.backprop_studio = `{"__proto__":{"polluted":1},${JSON.stringify(tinyExperiment).slice(1)}`)), 'The model file\'s settings are invalid: experiment: unknown field "__proto__".'],
    ['epochs that are not a number', () => edited((h) => void (h.__metadata__.epochs = 'three')), "The model file's metadata is invalid: epochs: must be a number."],
    ['an accuracy above 1', () => edited((h) => void (h.__metadata__.test_accuracy = '1.5')), 'test_accuracy: must be at most 1'],
    ['an accuracy of NaN', () => edited((h) => void (h.__metadata__.test_accuracy = 'NaN')), 'test_accuracy: must be a number'],
  ];

  it('has at least 15 cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases)('refuses %s', (_, build, message) => {
    const result = decodeSafetensors(build());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});
