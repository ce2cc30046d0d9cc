// A layer kind's builder fields as data (key, label, type, range, default), and the strict schema and defaults made from them.
import { z } from 'zod';
import { ACTIVATIONS } from '../activations';

/** What every field has: its key in the spec, the name shown and the longer name it is read out by when it needs one. */
interface FieldBase {
  key: string;
  label: string;
  /** The accessible name's words when `label` is short for them: 'Initialization' for 'Init'. */
  spokenLabel?: string;
}

export interface IntegerField extends FieldBase {
  type: 'integer';
  min: number;
  max: number;
  default: number;
}

export interface NumberField extends FieldBase {
  type: 'number';
  min: number;
  max: number;
  /** A convenient step for an input or slider; any value in range is valid. */
  step: number;
  default: number;
}

export interface SelectField<Option extends string = string> extends FieldBase {
  type: 'select';
  options: readonly Option[];
  /** What a person reads for each option. */
  optionNames: Readonly<Record<Option, string>>;
  default: Option;
}

export type LayerField = IntegerField | NumberField | SelectField;

export const INITS = ['he', 'glorot'] as const;

/** The activation a layer's outputs go through (Dense, Conv2D). */
export const ACTIVATION_FIELD = {
  key: 'activation',
  label: 'Activation',
  type: 'select',
  options: ACTIVATIONS,
  optionNames: { relu: 'ReLU', leaky_relu: 'leaky ReLU', sigmoid: 'sigmoid', tanh: 'tanh', gelu: 'GELU', linear: 'linear' },
  default: 'relu',
} as const;

/** How a layer's weights start: He (√(6/fan_in)) or Glorot (√(6/(fan_in + fan_out))) uniform limits (Dense, Conv2D). */
export const INIT_FIELD = { key: 'init', label: 'Init', spokenLabel: 'Initialization', type: 'select', options: INITS, optionNames: { he: 'He', glorot: 'Glorot' }, default: 'he' } as const;

/** The uniform limit of `init` for a weight with these fans. */
export const initLimit = (init: (typeof INITS)[number], fanIn: number, fanOut: number): number => (init === 'he' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut)));

type FieldValue<F> = F extends SelectField<infer Option> ? Option : number;

/** The spec of a layer of `Kind` with `Fields`, e.g. { kind: 'dropout'; rate: number }. */
export type LayerSpecOf<Kind extends string, Fields extends readonly LayerField[]> = { kind: Kind } & { [F in Fields[number] as F['key']]: FieldValue<F> };

/** One field's check; messages name the field ("units must be at least 1"), the caller adds the layer. */
function fieldSchema(field: LayerField): z.ZodType {
  const { key } = field;
  if (field.type === 'select') {
    return z.enum(field.options as [string, ...string[]], { error: `${key} must be one of ${field.options.join(', ')}` });
  }
  let number = z.number({ error: `${key} must be a number` });
  if (field.type === 'integer') number = number.int({ error: `${key} must be a whole number` });
  return number.min(field.min, { error: `${key} must be at least ${field.min}` }).max(field.max, { error: `${key} must be at most ${field.max}` });
}

/** { kind: literal, …fields } with no other keys. */
export function layerSchema<const Kind extends string, const Fields extends readonly LayerField[]>(kind: Kind, fields: Fields): z.ZodType<LayerSpecOf<Kind, Fields>> {
  const shape = Object.fromEntries(fields.map((field) => [field.key, fieldSchema(field)]));
  return z.strictObject({ kind: z.literal(kind), ...shape }) as unknown as z.ZodType<LayerSpecOf<Kind, Fields>>;
}

/** A new layer of `kind` with every field at its default. */
export function layerDefaults<const Kind extends string, const Fields extends readonly LayerField[]>(kind: Kind, fields: Fields): LayerSpecOf<Kind, Fields> {
  return { kind, ...Object.fromEntries(fields.map((field) => [field.key, field.default])) } as LayerSpecOf<Kind, Fields>;
}
