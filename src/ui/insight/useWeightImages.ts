// The first layer's weight images, read again when the weights may have changed (at most twice a second while training), while shown.
import { useEffect } from 'react';
import type { WeightImages } from '../../engine/insight/types';
import { useAppStore } from '../../store/app-store';
import { requestWeightImages } from '../../store/engine-client';
import { useWeightsVersion } from '../model-weights';
import { useLatestRequest, type LatestAnswer } from '../useLatestRequest';

const LIVE_EVERY_MS = 500;

/** `shown`: some view of the weights is on screen (nothing is read while none is). */
export function useWeightImages(shown: boolean): LatestAnswer<void, WeightImages> | undefined {
  const model = useAppStore((state) => state.model);
  const weightsVersion = useWeightsVersion(LIVE_EVERY_MS);
  const { answer, request } = useLatestRequest<void, WeightImages>(requestWeightImages);
  useEffect(() => {
    if (model && shown) request();
  }, [request, model, shown, weightsVersion]);
  return answer;
}
