// Whether the edited experiment needs a new model, re-evaluated when either store changes what it depends on.
import { useAppStore } from '../../store/app-store';
import { experimentConfig, useExperimentStore } from '../../store/experiment-store';
import { rebuildNeed, type RebuildNeed } from '../../store/model-sync';

export function useRebuildNeed(): RebuildNeed {
  const datasetReady = useAppStore((state) => state.dataset.state === 'ready');
  const model = useAppStore((state) => state.model);
  const modelRequest = useAppStore((state) => state.modelRequest);
  const hasTrained = useAppStore((state) => (state.training.position?.step ?? 0) > 0);
  const experiment = useExperimentStore();
  return rebuildNeed({ datasetReady, model, modelRequest, hasTrained }, experimentConfig(experiment));
}
