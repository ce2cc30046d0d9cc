// Keeps the model's answer for the drawing current: asks again when the drawing changes or the weights may have.
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { requestPrediction } from '../../store/engine-client';
import { createPredictionQueue, type PredictionAnswer } from './prediction-queue';

/**
 * Changes when the weights may have: a new model, training's position (start, pause, step, finish, reset, rollback)
 * or a new test evaluation; not at every batch, so the announced prediction stays calm while training runs.
 */
function useWeightsVersion(): unknown[] {
  const model = useAppStore((state) => state.model);
  // While training runs the step moves with every metrics event: only epoch-end evaluations count then.
  const step = useAppStore((state) => (state.training.status === 'training' ? -1 : (state.training.position?.step ?? 0)));
  const evaluations = useAppStore((state) => state.evaluations.length);
  return [model, step, evaluations];
}

/** The newest answer for `pixels` (null: nothing drawn); `clear` forgets it and any answer still on its way. */
export function usePrediction(pixels: Float32Array | null, modelReady: boolean): { answer?: PredictionAnswer; clear(): void } {
  const [answer, setAnswer] = useState<PredictionAnswer>();
  const [queue] = useState(() => createPredictionQueue(requestPrediction, setAnswer));
  const [model, step, evaluations] = useWeightsVersion();
  useEffect(() => {
    if (pixels && modelReady) queue.request(pixels);
  }, [queue, pixels, modelReady, model, step, evaluations]);
  const clear = () => {
    queue.clear();
    setAnswer(undefined);
  };
  return { answer, clear };
}
