// The experiment (a TrainerConfig) as a strict schema for untrusted input, with errors that name the field.
import { z } from 'zod';
import { TRAIN_COUNT } from '../data/mnist';
import { modelSpecSchema } from '../model/spec';
import { OPTIMIZER_KINDS } from '../optimizers';
import type { TrainerConfig } from '../train/trainer';

export const MIN_TRAIN_IMAGES = 100;
export const MAX_BATCH_SIZE = 4096;
export const MAX_EPOCHS = 1000;
export const MAX_SEED = 2 ** 32 - 1;
export const MAX_LEARNING_RATE = 10;
export const MAX_GRAD_NORM = 1e6;
/** Momentum and Adam's betas lie in [0, DECAY_RATE_BOUND); ε, weight decay and schedule factors at most 1. */
export const DECAY_RATE_BOUND = 1;
export const MAX_EPSILON = 1;
export const MAX_WEIGHT_DECAY = 1;
export const MAX_SCHEDULE_FACTOR = 1;

/** An integer in [min, max]; the range is checked before wholeness so 1e300 reads "must be at most …". */
export const wholeNumber = (min: number, max: number) => z.number().min(min).max(max).multipleOf(1);
/** [0, 1): momentum and Adam's betas. */
const decayRate = () => z.number().min(0).lt(DECAY_RATE_BOUND);

const hyperparametersSchema = z.strictObject({
  learningRate: z.number().gt(0).max(MAX_LEARNING_RATE),
  momentum: decayRate(),
  beta1: decayRate(),
  beta2: decayRate(),
  epsilon: z.number().gt(0).max(MAX_EPSILON),
  weightDecay: z.number().min(0).max(MAX_WEIGHT_DECAY),
  maxGradNorm: z.number().min(0).max(MAX_GRAD_NORM),
});

const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({ kind: z.literal('step'), everyEpochs: wholeNumber(1, MAX_EPOCHS), factor: z.number().gt(0).max(MAX_SCHEDULE_FACTOR) }),
  z.strictObject({ kind: z.literal('cosine'), minFactor: z.number().min(0).max(MAX_SCHEDULE_FACTOR) }),
]);

const settingsSchema = z.strictObject({
  batchSize: wholeNumber(1, MAX_BATCH_SIZE),
  hyperparameters: hyperparametersSchema,
  schedule: scheduleSchema,
  epochs: wholeNumber(1, MAX_EPOCHS),
});

export const experimentSchema = z
  .strictObject({
    spec: modelSpecSchema,
    seed: wholeNumber(0, MAX_SEED),
    optimizer: z.enum(OPTIMIZER_KINDS),
    trainImages: wholeNumber(MIN_TRAIN_IMAGES, TRAIN_COUNT),
    settings: settingsSchema,
  })
  .superRefine((experiment, ctx) => {
    if (experiment.settings.batchSize <= experiment.trainImages) return;
    ctx.addIssue({ code: 'custom', path: ['settings', 'batchSize'], message: `must be at most the ${experiment.trainImages} training images (trainImages)` });
  }) satisfies z.ZodType<TrainerConfig>;

export type ExperimentParse = { ok: true; experiment: TrainerConfig } | { ok: false; error: string };

/** Checks untrusted data (parsed JSON) against the schema; the error names the first bad field, e.g. "settings.batchSize: must be at most 4096". */
export function parseExperiment(input: unknown): ExperimentParse {
  const parsed = parseUntrusted(experimentSchema, input, 'experiment');
  return parsed.ok ? { ok: true, experiment: parsed.value } : parsed;
}

/** Parses with `schema`, describing the first issue as "path: problem" (`rootName` for the root) and counting the rest. */
export function parseUntrusted<T>(schema: z.ZodType<T>, input: unknown, rootName: string): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(input, { error: describeIssue });
  if (parsed.success) return { ok: true, value: parsed.data };
  const [first, ...others] = parsed.error.issues;
  const more = others.length === 0 ? '' : ` (and ${others.length} more problem${others.length === 1 ? '' : 's'})`;
  return { ok: false, error: `${formatPath(first!.path) || rootName}: ${first!.message}${more}` };
}

/** ['settings', 'batchSize'] → "settings.batchSize"; ['spec', 'layers', 2, 'units'] → "spec.layers[2].units". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

const MAX_QUOTED_KEY_CHARS = 40;

/** A key from the input, quoted and shortened: it is shown as text, never as markup. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > MAX_QUOTED_KEY_CHARS ? `${key.slice(0, MAX_QUOTED_KEY_CHARS)}…` : key);
}

/** Zod's issues in plain words, without the field name (the path says which field). */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  const missing = issue.input === undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code ?? '');
  if (missing) return 'is missing';
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected, issue.input);
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} items` : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} items` : `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'not_multiple_of':
      return issue.divisor === 1 ? 'must be a whole number' : `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${listKeys(issue.keys)}`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? `must be one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}` : 'is not any of the allowed forms';
    default:
      return undefined;
  }
};

const MAX_LISTED_KEYS = 3;

/** '"a", "b", "c" and 7 more': enough to recognise, never a wall of text. */
function listKeys(keys: readonly string[]): string {
  const listed = keys.slice(0, MAX_LISTED_KEYS).map(quoteKey).join(', ');
  return keys.length > MAX_LISTED_KEYS ? `${listed} and ${keys.length - MAX_LISTED_KEYS} more` : listed;
}

function describeType(expected: string, input: unknown): string {
  if (expected === 'int') return 'must be a whole number';
  if (expected === 'number' && typeof input === 'number') return 'must be a finite number';
  if (expected === 'object') return 'must be an object';
  if (expected === 'array') return 'must be a list';
  return `must be a ${expected}`;
}
