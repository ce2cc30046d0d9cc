// Whether the edited experiment needs a new model, re-evaluated when either store changes.
import { useAppStore } from '../../store/app-store';
import { experimentConfig, useExperimentStore } from '../../store/experiment-store';
import { rebuildNeed, type RebuildNeed } from '../../store/model-sync';

export function useRebuildNeed(): RebuildNeed {
  const dataset = useAppStore((state) => state.dataset);
  const model = useAppStore((state) => state.model);
  const training = useAppStore((state) => state.training);
  const modelRequest = useAppStore((state) => state.modelRequest);
  const experiment = useExperimentStore();
  return rebuildNeed({ dataset, model, training, modelRequest }, experimentConfig(experiment));
}
