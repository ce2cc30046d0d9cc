// Keeps the model's answer for the drawing current: asks again when the drawing changes or the weights may have.
import { useEffect } from 'react';
import { requestPrediction } from '../../store/engine-client';
import type { Settled } from '../latest-wins-queue';
import { useWeightsVersion } from '../model-weights';
import { useLatestRequest } from '../useLatestRequest';

/** The 10 class probabilities for the drawing, or why there are none. */
export type PredictionAnswer = Settled<number[]>;

/** The newest answer for `pixels` (null: nothing drawn); `clear` forgets it and any answer still on its way. */
export function usePrediction(pixels: Float32Array | null, modelReady: boolean): { answer?: PredictionAnswer; clear(): void } {
  const { answer, request, clear } = useLatestRequest(requestPrediction);
  // Not at every batch: the announced prediction stays calm while training runs.
  const weightsVersion = useWeightsVersion();
  useEffect(() => {
    if (pixels && modelReady) request(pixels);
  }, [request, pixels, modelReady, weightsVersion]);
  return { answer: answer?.result, clear };
}
