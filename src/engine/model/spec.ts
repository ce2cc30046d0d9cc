// The model as data: input 784 → the user's layers → a 10-way softmax, with validation and size figures.
import { z } from 'zod';
import { ACTIVATIONS } from '../activations';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';

export const MAX_HIDDEN_LAYERS = 16;
export const MAX_UNITS = 4096;
export const MAX_DROPOUT_RATE = 0.9;
export const INITS = ['he', 'glorot'] as const;

const units = z
  .number({ error: 'units must be a number' })
  .int({ error: 'units must be a whole number' })
  .min(1, { error: 'units must be at least 1' })
  .max(MAX_UNITS, { error: `units must be at most ${MAX_UNITS}` });

const denseLayer = z.strictObject({
  kind: z.literal('dense'),
  units,
  activation: z.enum(ACTIVATIONS, { error: `activation must be one of ${ACTIVATIONS.join(', ')}` }),
  init: z.enum(INITS, { error: `init must be one of ${INITS.join(', ')}` }),
});

const dropoutLayer = z.strictObject({
  kind: z.literal('dropout'),
  rate: z
    .number({ error: 'rate must be a number' })
    .min(0, { error: 'rate must be at least 0' })
    .max(MAX_DROPOUT_RATE, { error: `rate must be at most ${MAX_DROPOUT_RATE}` }),
});

const layer = z.discriminatedUnion('kind', [denseLayer, dropoutLayer], { error: "kind must be 'dense' or 'dropout'" });

export const modelSpecSchema = z.strictObject({
  layers: z.array(layer).max(MAX_HIDDEN_LAYERS, { error: `a model has at most ${MAX_HIDDEN_LAYERS} hidden layers` }),
});

export type DenseLayerSpec = z.infer<typeof denseLayer>;
export type DropoutLayerSpec = z.infer<typeof dropoutLayer>;
export type LayerSpec = z.infer<typeof layer>;
/** Hidden layers only: the 784 input and the final Dense(10) + softmax are fixed. */
export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** A problem with one field of a spec; `layer` is the hidden-layer index it concerns, if any. */
export interface SpecIssue {
  layer?: number;
  message: string;
}

export type SpecValidation = { ok: true; spec: ModelSpec } | { ok: false; issues: SpecIssue[] };

/** Checks untrusted data against the spec schema; every issue names its layer and field. */
export function validateModelSpec(input: unknown): SpecValidation {
  const parsed = modelSpecSchema.safeParse(input);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const [, index] = issue.path;
      const where = typeof index === 'number' ? `layer ${index + 1}: ` : '';
      return { ...(typeof index === 'number' ? { layer: index } : {}), message: `${where}${issue.message}` };
    }),
  };
}

/** The output layer every model ends with. */
export const OUTPUT_LAYER: DenseLayerSpec = { kind: 'dense', units: CLASS_COUNT, activation: 'linear', init: 'glorot' };

/** All Dense layers in order, the output layer included, with their input widths. */
export function denseLayers(spec: ModelSpec): { index: number; inputs: number; layer: DenseLayerSpec }[] {
  let inputs = PIXELS_PER_IMAGE;
  const result: { index: number; inputs: number; layer: DenseLayerSpec }[] = [];
  [...spec.layers, OUTPUT_LAYER].forEach((layer, index) => {
    if (layer.kind !== 'dense') return;
    result.push({ index, inputs, layer });
    inputs = layer.units;
  });
  return result;
}
