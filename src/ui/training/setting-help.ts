// What each training setting is called and does, in one line (shown under its field, and in the help sheet).

export interface SettingHelp {
  /** The field's name. */
  name: string;
  /** One short line: what it does, and a typical value where there is one. */
  help: string;
}

export const SETTING_HELP = {
  optimizer: { name: 'Optimizer', help: 'How gradients turn into weight updates' },
  learningRate: { name: 'Learning rate', help: 'Step size of each update; too high diverges' },
  momentum: { name: 'Momentum', help: 'Share of the last update kept; 0.9 is typical' },
  beta1: { name: 'β1', help: 'Memory of the gradient direction; 0.9 is typical' },
  beta2: { name: 'β2', help: 'Memory of the gradient size; 0.999 is typical' },
  epsilon: { name: 'ε', help: "Keeps Adam's division stable; rarely changed" },
  weightDecay: { name: 'Weight decay (L2)', help: 'Adds a pull toward 0 to each gradient; 0 = off' },
  weightDecayDecoupled: { name: 'Weight decay (decoupled)', help: 'Shrinks weights toward 0 each step; 0 = off' },
  maxGradNorm: { name: 'Clip gradient norm', help: "Caps the gradient's length per step; 0 = off" },
  schedule: { name: 'LR schedule', help: 'How the learning rate changes over the run' },
  scheduleConstant: { name: 'Constant', help: 'The same learning rate for the whole run' },
  scheduleStep: { name: 'Step decay', help: 'Multiplies the rate by a factor every few epochs' },
  scheduleCosine: { name: 'Cosine', help: 'Eases the rate down along a cosine curve' },
  everyEpochs: { name: 'Decay every (epochs)', help: 'Epochs between two cuts of the rate' },
  factor: { name: 'Decay factor', help: 'What each cut multiplies the rate by' },
  minFactor: { name: 'Final LR factor', help: 'The last rate, as a share of the first' },
  batchSize: { name: 'Batch size', help: 'Images per update; larger is smoother per step' },
  epochs: { name: 'Epochs', help: 'Passes over the training images' },
  init: { name: 'Weight init', help: 'How the starting weights are drawn' },
  seed: { name: 'Seed', help: 'Same seed, same start weights and image order' },
} as const satisfies Record<string, SettingHelp>;

export type SettingName = keyof typeof SETTING_HELP;
