// The experiment as one standalone PyTorch training script: the template (torch-script.py) with its experiment block filled in.
import { parseExperiment } from '../codecs/experiment';
import { torchModules } from '../codecs/torch-modules';
import { networkLayers } from '../model/network';
import { parameterLayout } from '../model/parameters';
import type { TrainerConfig } from '../train/trainer';
import template from './torch-script.py?raw';

const BLOCK_START = '# <experiment>\n';
const BLOCK_END = '# </experiment>\n';

/** The script's file name for a download. */
export const TORCH_SCRIPT_FILE_NAME = 'backprop_studio_train.py';

/** Python source that trains `experiment` as the app would, under `python3` or `torchrun`; throws on an invalid experiment. */
export function torchScript(experiment: TrainerConfig): string {
  const start = template.indexOf(BLOCK_START) + BLOCK_START.length;
  return template.slice(0, start) + experimentBlock(experiment) + template.slice(template.indexOf(BLOCK_END));
}

/**
 * What the script holds of `experiment`, between the template's `# <experiment>` lines: its JSON (as model files record
 * it), the nn.Sequential (as the model file names it) and each Linear's or Conv2d's init. Throws on an invalid experiment.
 */
export function experimentBlock(input: TrainerConfig): string {
  const checked = parseExperiment(input);
  if (!checked.ok) throw new RangeError(`Cannot export an invalid experiment: ${checked.error}`);
  const experiment = checked.experiment;
  const modules = torchModules(experiment.spec);
  const network = networkLayers(experiment.spec);
  // Every kind with parameters (Dense, Conv2D) has an init.
  const inits = parameterLayout(experiment.spec).layers.map(({ layerIndex }) => (network[layerIndex]!.spec as { init: string }).init);
  const initLines = modules.flatMap(({ index, dense: layer }) => (layer === undefined ? [] : [`${index}: "${inits[layer]!}"`]));
  return [
    '# The experiment as the app saved it; model files carry the same JSON in their "backprop_studio" metadata.',
    `EXPERIMENT = json.loads("""${readableJson(experiment)}""")`,
    '',
    '',
    'def build_model() -> nn.Sequential:',
    '    """784 pixels in [0, 1] → 10 class scores (softmax lives in the loss); indices prefix the parameter names."""',
    '    return nn.Sequential(',
    ...modules.map(({ index, source }) => `        ${source},  # ${index}`),
    '    )',
    '',
    '',
    '# Each nn.Linear and nn.Conv2d by index: "he" draws U(±√(6/fan_in)), "glorot" U(±√(6/(fan_in + fan_out))) (a Conv2d\'s fans count its k×k taps); biases start at 0.',
    `INITS: dict[int, str] = {${initLines.join(', ')}}`,
    '',
  ].join('\n');
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** JSON with a line per entry of the objects and arrays that hold others, and those that hold none on one line. */
function readableJson(value: unknown, indent = ''): string {
  if (!isContainer(value)) return JSON.stringify(value);
  const entries = Array.isArray(value) ? value.map((item) => ['', item] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const item = (key: string, inner: string) => (Array.isArray(value) ? inner : `${JSON.stringify(key)}: ${inner}`);
  if (!entries.some(([, entry]) => isContainer(entry))) return `${open}${entries.map(([key, entry]) => item(key, JSON.stringify(entry))).join(', ')}${close}`;
  const deeper = `${indent}    `;
  return `${open}\n${entries.map(([key, entry]) => `${deeper}${item(key, readableJson(entry, deeper))}`).join(',\n')}\n${indent}${close}`;
}
