// What a person may set on a Dense layer: units, activation and initialisation, as builder fields and as its schema.
import { ACTIVATIONS } from '../../activations';
import { layerDefaults, layerSchema, type LayerSpecOf } from '../fields';

export const MAX_UNITS = 4096;
export const INITS = ['he', 'glorot'] as const;

const ACTIVATION_NAMES = { relu: 'ReLU', leaky_relu: 'leaky ReLU', sigmoid: 'sigmoid', tanh: 'tanh', gelu: 'GELU', linear: 'linear' } as const;

export const DENSE_FIELDS = [
  { key: 'units', label: 'Units', type: 'integer', min: 1, max: MAX_UNITS, default: 64 },
  { key: 'activation', label: 'Activation', type: 'select', options: ACTIVATIONS, optionNames: ACTIVATION_NAMES, default: 'relu' },
  { key: 'init', label: 'Init', spokenLabel: 'Initialization', type: 'select', options: INITS, optionNames: { he: 'He', glorot: 'Glorot' }, default: 'he' },
] as const;

export type DenseLayerSpec = LayerSpecOf<'dense', typeof DENSE_FIELDS>;

export const denseSchema = layerSchema('dense', DENSE_FIELDS);
export const denseDefaults: DenseLayerSpec = layerDefaults('dense', DENSE_FIELDS);
