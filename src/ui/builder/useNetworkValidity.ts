// Hook for other panels (the Train button): whether the edited network is valid, and its problems.
import { useMemo } from 'react';
import type { SpecIssue } from '../../engine/model/spec';
import { useExperimentStore } from '../../store/experiment-store';
import { networkIssues } from './validity';

export function useNetworkValidity(): { valid: boolean; issues: SpecIssue[] } {
  const layers = useExperimentStore((state) => state.layers);
  return useMemo(() => {
    const issues = networkIssues(layers);
    return { valid: issues.length === 0, issues };
  }, [layers]);
}
