// The model as data: the user's hidden layers, of the kinds the registry lists, with validation that names layer and field.
import { z } from 'zod';
import { MNIST } from '../data/datasets';
import { classifierLayer, type DenseLayerSpec } from '../layers/dense';
import { LAYER_KINDS, type LayerSpec } from '../layers/registry';
import { shapeIssues } from './network';

export { INITS, MAX_UNITS, type DenseLayerSpec } from '../layers/dense';
export { MAX_DROPOUT_RATE, type DropoutLayerSpec } from '../layers/dropout';
export { denseLayers } from '../layers/dense/compat';
export type { LayerSpec } from '../layers/registry';

export const MAX_HIDDEN_LAYERS = 16;

/** "'dense' or 'dropout'", "'a', 'b' or 'c'". */
const kindNames = LAYER_KINDS.map(({ kind }) => `'${kind}'`).join(', ').replace(/, ([^,]*)$/, ' or $1');
// Every kind's schema is a strict object with a literal `kind` (see layerSchema), as a discriminated union needs.
const layer = z.discriminatedUnion('kind', LAYER_KINDS.map(({ schema }) => schema) as unknown as [z.ZodObject, ...z.ZodObject[]], {
  error: `kind must be ${kindNames}`,
}) as unknown as z.ZodType<LayerSpec>;

export const modelSpecSchema = z.strictObject({
  layers: z.array(layer).max(MAX_HIDDEN_LAYERS, { error: `a model has at most ${MAX_HIDDEN_LAYERS} hidden layers` }),
});

/** Hidden layers only: the dataset's input and the final Dense to its classes + softmax are fixed. */
export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** A problem with a spec: `layer` is the hidden-layer index it concerns and `field` the field of that layer, if any. */
export interface SpecIssue {
  layer?: number;
  field?: string;
  message: string;
}

export type SpecValidation = { ok: true; spec: ModelSpec } | { ok: false; issues: SpecIssue[] };

/** Checks untrusted data against the spec schema and the shapes' flow; every issue names its layer and field. */
export function checkModelSpec(input: unknown): SpecValidation {
  const parsed = modelSpecSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(({ path, message }) => specIssue(path, message)) };
  const issues = shapeIssues(parsed.data);
  return issues.length === 0 ? { ok: true, spec: parsed.data } : { ok: false, issues };
}

/** A schema issue at `path` (['layers', 1, 'units']): "layer 2: units must be at least 1", with layer 1 and field 'units'. */
function specIssue(path: readonly PropertyKey[], message: string): SpecIssue {
  const [, index, ...field] = path;
  if (typeof index !== 'number') return { message };
  return { layer: index, ...(field.length > 0 ? { field: field.join('.') } : {}), message: `layer ${index + 1}: ${message}` };
}

/** checkModelSpec without the field paths: the issues as callers written before them compare them. */
export function validateModelSpec(input: unknown): SpecValidation {
  const checked = checkModelSpec(input);
  return checked.ok ? checked : { ok: false, issues: checked.issues.map(({ field: _, ...issue }) => issue) };
}

/** The output layer of an MNIST model. */
export const OUTPUT_LAYER: DenseLayerSpec = classifierLayer(MNIST.classNames.length);
