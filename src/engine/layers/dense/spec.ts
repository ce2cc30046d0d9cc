// What a person may set on a Dense layer: units, activation and initialisation, as builder fields and as its schema.
import { ACTIVATION_FIELD, INIT_FIELD, layerDefaults, layerSchema, type LayerSpecOf } from '../fields';

export { INITS } from '../fields';

export const MAX_UNITS = 4096;

export const DENSE_FIELDS = [{ key: 'units', label: 'Units', type: 'integer', min: 1, max: MAX_UNITS, default: 64 }, ACTIVATION_FIELD, INIT_FIELD] as const;

export type DenseLayerSpec = LayerSpecOf<'dense', typeof DENSE_FIELDS>;

export const denseSchema = layerSchema('dense', DENSE_FIELDS);
export const denseDefaults: DenseLayerSpec = layerDefaults('dense', DENSE_FIELDS);
