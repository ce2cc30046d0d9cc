// Asks before a change to the network, optimizer or seed throws away the training the current model has had,
// and says why when the changed network could not be built.
import { useAppStore } from '../../store/app-store';
import { useExperimentStore } from '../../store/experiment-store';
import { rebuildModel } from '../../store/model-sync';
import { formatCount } from '../format';

export function BuildFailedNotice() {
  const request = useAppStore((state) => state.modelRequest);
  const model = useAppStore((state) => state.model);
  const loadNetwork = useExperimentStore((state) => state.loadNetwork);
  return (
    <div className="notice problem-notice" role="alert">
      <p>This network could not be built: {request?.state === 'failed' ? request.message : 'unknown reason'}</p>
      {model && <p className="muted">The previous network is still there, with its training.</p>}
      {model && (
        <button type="button" onClick={() => loadNetwork(model.config)}>
          Go back to the previous network
        </button>
      )}
    </div>
  );
}

export function RebuildNotice() {
  const model = useAppStore((state) => state.model);
  const step = useAppStore((state) => state.training.position?.step ?? 0);
  const loadNetwork = useExperimentStore((state) => state.loadNetwork);
  if (!model) return null;
  const what = model.imported && step === 0 ? 'The current model has imported weights' : `The current model has trained for ${formatCount(step)} ${step === 1 ? 'step' : 'steps'}`;
  return (
    <div className="notice" role="alert">
      <p>
        You changed the network, optimizer or seed. {what}; building the new one starts training over.
      </p>
      <div className="controls">
        <button type="button" className="primary" onClick={() => rebuildModel()}>
          Build the new network
        </button>
        <button type="button" onClick={() => loadNetwork(model.config)}>
          Undo my changes
        </button>
      </div>
    </div>
  );
}
