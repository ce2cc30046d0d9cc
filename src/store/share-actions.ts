// Share links and model files: made from the current model and experiment, opened (as untrusted input) into them.
import { parseExperiment } from '../engine/codecs/experiment';
import { readModelFile, encodeSafetensors } from '../engine/codecs/safetensors';
import { decodeShareLink, encodeShareLink, measureShareLink, type ShareLinkContent } from '../engine/codecs/share-link';
import { TORCH_SCRIPT_FILE_NAME, torchScript } from '../engine/export/torch-script';
import type { TrainerConfig } from '../engine/train/trainer';
import { useAppStore, type AppState, type OpenedModel } from './app-store';
import { requestWeights } from './engine-client';
import { experimentConfig, useExperimentStore } from './experiment-store';
import { firstFieldProblem } from './field-problems';
import { rebuildModel } from './model-sync';
import { networkLabel } from './runs/changes';

/** What a trained model's link or file says about it: epochs and test accuracy of its last evaluation. */
export interface TrainedFigures {
  epochs: number;
  testAccuracy: number;
}

/** Whether the model's weights can be shared now, with its figures; otherwise what it needs first, in words. */
export type WeightsOffer = ({ ok: true } & TrainedFigures) | { ok: false; needs: 'training' | 'testing'; reason: string };

/**
 * The weights can be shared once the model has trained (or was imported) and its last evaluation is of its current
 * weights. A flat object, so components can select it shallowly and re-render only when it changes.
 */
export function weightsOffer({ model, training, evaluations, opened }: AppState): WeightsOffer {
  const step = training.position?.step ?? 0;
  const evaluation = evaluations.at(-1);
  if (!model || (step === 0 && !model.imported)) return { ok: false, needs: 'training', reason: 'Train the model first.' };
  if (!evaluation || evaluation.step !== step) return { ok: false, needs: 'testing', reason: 'Test the model on its current weights first.' };
  // An imported model counts the epochs it had trained before it came here.
  const before = model.imported ? (opened?.trained?.epochs ?? 0) : 0;
  return { ok: true, epochs: before + Math.floor(evaluation.epoch), testAccuracy: evaluation.accuracy };
}

/** The model's own network with the settings as they are now (settings apply to it live). */
function liveConfig(model: NonNullable<AppState['model']>): TrainerConfig {
  return { ...model.config, settings: useExperimentStore.getState().settings };
}

/** The page address a link starts with: this page without its query or fragment. */
const pageUrl = (): string => `${location.origin}${location.pathname}`;

/** The experiment being edited, checked; a link or file of an invalid one would not open. */
function checkedDraft(): TrainerConfig {
  const checked = parseExperiment(experimentConfig(useExperimentStore.getState()));
  if (!checked.ok) throw new Error(`Fix the experiment before sharing it: ${checked.error}`);
  return checked.experiment;
}

/** The content of a link with the model's weights; throws saying why when they cannot be shared now. */
async function trainedContent(): Promise<ShareLinkContent> {
  const state = useAppStore.getState();
  const offer = weightsOffer(state);
  if (!offer.ok) throw new Error(offer.reason);
  const weights = await requestWeights();
  return { experiment: liveConfig(state.model!), trained: { weights, epochs: offer.epochs, testAccuracy: offer.testAccuracy } };
}

/** How long a link with the weights would be, and whether that is under the cap. */
export async function measureLinkWithWeights(): Promise<{ chars: number; fits: boolean }> {
  return measureShareLink(await trainedContent(), { pageUrl: pageUrl() });
}

/** A field whose text is not valid shows another value than the one a link would carry: name it and stop. */
function refuseWhileFieldInvalid(): void {
  const problem = firstFieldProblem();
  if (problem) throw new Error(`Fix the ${problem.label} field first: ${problem.message}`);
}

/** A link to the edited experiment, or to the trained model with its weights; none while a field's text is invalid. */
export async function makeShareLink(withWeights: boolean): Promise<string> {
  refuseWhileFieldInvalid();
  const content = withWeights ? await trainedContent() : { experiment: checkedDraft() };
  return `${pageUrl()}#${await encodeShareLink(content, { pageUrl: pageUrl() })}`;
}

/** The model as a .safetensors file, with its experiment (and figures, when tested) in the metadata. */
export async function exportModelFile(): Promise<{ bytes: Uint8Array; fileName: string }> {
  const state = useAppStore.getState();
  if (!state.model) throw new Error('There is no model to export yet.');
  const config = liveConfig(state.model);
  const offer = weightsOffer(state);
  const weights = await requestWeights();
  const bytes = encodeSafetensors(config, weights, offer.ok ? { epochs: offer.epochs, testAccuracy: offer.testAccuracy } : {});
  return { bytes, fileName: `backprop-studio-${networkLabel(config).replaceAll('×', 'x')}.safetensors` };
}

/** The edited experiment as a standalone PyTorch training script; none while a field's text is invalid. */
export function exportTorchScript(): { source: string; fileName: string } {
  refuseWhileFieldInvalid();
  return { source: torchScript(checkedDraft()), fileName: TORCH_SCRIPT_FILE_NAME };
}

/** Puts a checked experiment in the builder and settings, and says where it came from. */
function loadOpened(experiment: TrainerConfig, opened: OpenedModel): void {
  useExperimentStore.getState().loadExperiment(experiment);
  useAppStore.setState({ opened });
}

/** Loads a checked experiment (and weights) as the new model; the worker keeps the old one if it cannot build it. */
function openExperiment(experiment: TrainerConfig, weights: Float32Array | undefined, opened: OpenedModel): void {
  loadOpened(experiment, opened);
  rebuildModel(weights);
}

/** Opens a kept run's experiment with its kept weights as the new model, saying which run and checkpoint it came from. */
export function openRunWeights(experiment: TrainerConfig, weights: Float32Array, name: string, trained: TrainedFigures | undefined): void {
  openExperiment(experiment, weights, { source: 'run', name, ...(trained ? { trained } : {}) });
}

/** Reports a link or file that could not be opened; nothing else changes. */
function refuse(what: string, error: string): void {
  useAppStore.setState((state) => ({ errors: [...state.errors, `${what} could not be opened: ${error}`] }));
}

/**
 * Opens a share link's fragment (without '#'). With `build` false (at start-up, before the GPU is ready) it only
 * loads the experiment and returns the weights for the first model; otherwise it builds the model at once.
 */
export async function openShareLink(fragment: string, { build = true } = {}): Promise<Float32Array | undefined> {
  const decoded = await decodeShareLink(fragment);
  if (!decoded.ok) return refuse('This link', decoded.error), undefined;
  const opened: OpenedModel = { source: 'link', ...(decoded.trained ? { trained: { epochs: decoded.trained.epochs, testAccuracy: decoded.trained.testAccuracy } } : {}) };
  if (build) return openExperiment(decoded.experiment, decoded.trained?.weights, opened), undefined;
  loadOpened(decoded.experiment, opened);
  return decoded.trained?.weights;
}

/** Opens a .safetensors model file (from the picker or a drop) as the new model. */
export async function importModelFile(file: File): Promise<void> {
  const decoded = await readModelFile(file);
  if (!decoded.ok) return refuse(`The file ${file.name.slice(0, 80)}`, decoded.error);
  const { epochs, testAccuracy } = decoded;
  const trained = epochs !== undefined && testAccuracy !== undefined ? { trained: { epochs, testAccuracy } } : {};
  openExperiment(decoded.experiment, decoded.weights, { source: 'file', name: file.name.slice(0, 80), ...trained });
}
