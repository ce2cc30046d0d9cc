// What sets one experiment apart from another, in words: the "changes" a run shows against the baseline run.
import { kindOf } from '../../engine/layers/registry';
import { networkLayers, networkSizes } from '../../engine/model/network';
import { formatShape } from '../../engine/layers/shapes';
import type { LrSchedule } from '../../engine/train/schedule';
import type { TrainerConfig } from '../../engine/train/trainer';

/**
 * "784-128-64-10", "784-24×24×24-10×10×32-128-10": the input width and the output shape of each layer with parameters,
 * the output layer included.
 */
export function networkLabel(config: TrainerConfig): string {
  const network = networkLayers(config.spec);
  const shapes = network.filter(({ spec, kind, place }) => kind.parameters(spec, place).length > 0).map(({ place }) => formatShape(place.output));
  return [networkSizes(network).inputFloats, ...shapes].join('-');
}

/** "relu, dropout 0.2, relu": the hidden layers by what they do (Dense widths are in the network label), others by name. */
function layerKinds(config: TrainerConfig): string {
  return config.spec.layers.map((layer) => (layer.kind === 'dense' ? `${layer.activation} (${layer.init})` : kindOf(layer.kind).name(layer, 'hidden').toLowerCase())).join(', ') || 'none';
}

function scheduleLabel(schedule: LrSchedule): string {
  if (schedule.kind === 'step') return `×${schedule.factor} every ${schedule.everyEpochs} epochs`;
  if (schedule.kind === 'cosine') return `cosine to ×${schedule.minFactor}`;
  return 'constant';
}

/** Each setting a run can differ in: its name and its value in words. */
const FIELDS: ReadonlyArray<readonly [label: string, read: (config: TrainerConfig) => string]> = [
  ['network', networkLabel],
  ['layers', layerKinds],
  ['optimizer', (config) => config.optimizer],
  ['learning rate', (config) => String(config.settings.hyperparameters.learningRate)],
  ['momentum', (config) => String(config.settings.hyperparameters.momentum)],
  ['β1', (config) => String(config.settings.hyperparameters.beta1)],
  ['β2', (config) => String(config.settings.hyperparameters.beta2)],
  ['ε', (config) => String(config.settings.hyperparameters.epsilon)],
  ['weight decay', (config) => String(config.settings.hyperparameters.weightDecay)],
  ['gradient clipping', (config) => String(config.settings.hyperparameters.maxGradNorm)],
  ['schedule', (config) => scheduleLabel(config.settings.schedule)],
  ['batch size', (config) => String(config.settings.batchSize)],
  ['epochs', (config) => String(config.settings.epochs)],
  ['seed', (config) => String(config.seed)],
  ['training images', (config) => String(config.trainImages)],
];

export interface SettingChange {
  label: string;
  from: string;
  to: string;
}

/** The settings in which `run` differs from `baseline`, in a fixed order. */
export function experimentChanges(baseline: TrainerConfig, run: TrainerConfig): SettingChange[] {
  return FIELDS.flatMap(([label, read]) => {
    const from = read(baseline);
    const to = read(run);
    return from === to ? [] : [{ label, from, to }];
  });
}

/** "learning rate 0.001 → 0.01; batch size 128 → 64", or "same settings". */
export function describeChanges(changes: readonly SettingChange[]): string {
  return changes.length === 0 ? 'same settings' : changes.map(({ label, from, to }) => `${label} ${from} → ${to}`).join('; ');
}
