// The address follows the edited experiment (as TF Playground's does): a reload restores the network and settings.
// The model's weights are not in it; they travel in a link with weights or a model file.
import { parseExperiment } from '../engine/codecs/experiment';
import { encodeShareLink } from '../engine/codecs/share-link';
import { experimentConfig, useExperimentStore } from './experiment-store';

/** Edits in quick succession write the address once. */
const WRITE_DELAY_MS = 400;

/** A comparable key of the experiment as it is now, or undefined while it is not valid (nothing is written then). */
function currentExperiment(): { key: string; experiment: ReturnType<typeof experimentConfig> } | undefined {
  const parsed = parseExperiment(experimentConfig(useExperimentStore.getState()));
  return parsed.ok ? { key: JSON.stringify(parsed.experiment), experiment: parsed.experiment } : undefined;
}

let writtenKey: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

async function writeAddress(): Promise<void> {
  const current = currentExperiment();
  if (!current || current.key === writtenKey) return;
  writtenKey = current.key;
  const fragment = await encodeShareLink({ experiment: current.experiment });
  // replaceState: editing does not fill the history, and no hashchange fires (that would open the link again).
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${fragment}`);
}

/**
 * The experiment now in the store is the one the address shows (it was just opened from it): keep the address as it
 * is, e.g. a link with weights, until the next edit.
 */
export function adoptAddressExperiment(): void {
  clearTimeout(timer);
  writtenKey = currentExperiment()?.key;
}

/** Starts following edits; returns the function that stops. */
export function startUrlSync(): () => void {
  adoptAddressExperiment();
  const stop = useExperimentStore.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void writeAddress(), WRITE_DELAY_MS);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
