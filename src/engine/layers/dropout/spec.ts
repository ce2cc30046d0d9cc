// What a person may set on a Dropout layer: its rate, as a builder field and as its schema.
import { layerDefaults, layerSchema, type LayerSpecOf } from '../fields';

export const MAX_DROPOUT_RATE = 0.9;

export const DROPOUT_FIELDS = [{ key: 'rate', label: 'Rate', spokenLabel: 'Dropout rate', type: 'number', min: 0, max: MAX_DROPOUT_RATE, step: 0.05, default: 0.2 }] as const;

export type DropoutLayerSpec = LayerSpecOf<'dropout', typeof DROPOUT_FIELDS>;

export const dropoutSchema = layerSchema('dropout', DROPOUT_FIELDS);
export const dropoutDefaults: DropoutLayerSpec = layerDefaults('dropout', DROPOUT_FIELDS);
