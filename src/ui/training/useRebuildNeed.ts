// Whether the edited experiment needs a new model, re-evaluated when what it depends on changes.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { draftSpec, useExperimentStore } from '../../store/experiment-store';
import { modelSituation, rebuildNeed, type RebuildNeed } from '../../store/model-sync';

export function useRebuildNeed(): RebuildNeed {
  const situation = useAppStore(useShallow(modelSituation));
  // Settings never need a new model: leaving them out spares a re-render at every keystroke in the settings form.
  const { layers, seed, optimizer, trainImages } = useExperimentStore(
    useShallow((state) => ({ layers: state.layers, seed: state.seed, optimizer: state.optimizer, trainImages: state.trainImages })),
  );
  return rebuildNeed(situation, { spec: draftSpec(layers), seed, optimizer, trainImages });
}
