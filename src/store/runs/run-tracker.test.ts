// unit: which run the store's curves belong to across first steps, pauses, resets, undos and new models, and the record built from it.
import { describe, expect, it } from 'vitest';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { reduceWorkerEvent, useAppStore, type AppEvent, type AppState } from '../app-store';
import { readRunRecord } from './run-record';
import { runRecord, trackRuns, type RunTracking } from './run-tracker';

const config = adamExperiment({ layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' }] }, { seed: 1, trainImages: 1000, batchSize: 10, learningRate: 0.01, epochs: 2 });
const adapter = { vendor: 'acme', architecture: 'swift', device: 'cpu', description: 'SwiftShader' };
const at = (step: number) => ({ epoch: 0, epochSamples: step * 10, samples: step * 10, step });
const metrics = (step: number): AppEvent => ({ type: 'train-metrics', step, epoch: step / 100, steps: 8, loss: 2 / step, accuracy: 0.5, samplesPerSecond: 100, position: at(step) });
const evaluation = (step: number): AppEvent => ({ type: 'evaluation', epoch: step / 100, step, loss: 0.4, accuracy: 0.9, confusion: [] });
const status = (event: Omit<Extract<AppEvent, { type: 'status' }>, 'type'>): AppEvent => ({ type: 'status', ...event });
const configured = (): AppEvent => ({ type: 'configured', config, imported: false });

/** Replays worker events one update each, as the store applies them, tracking runs; `now` advances 1000 ms an update. */
function replay(groups: AppEvent[][], from: { state: AppState; tracking: RunTracking; now: number } = { state: useAppStore.getInitialState(), tracking: {}, now: 0 }) {
  let ids = 0;
  return groups.reduce((run, events) => {
    const state = events.reduce<AppState>((next, event) => ({ ...next, ...reduceWorkerEvent(next, event) }), run.state);
    const now = run.now + 1000;
    const tracking = trackRuns(run.tracking, { previous: run.state, state, settings: config.settings, now, newId: () => `run-${++ids}-${now}` });
    return { state, tracking, now };
  }, from);
}

const built: AppEvent[][] = [[{ type: 'gpu-ready', adapter }], [configured(), status({ status: 'ready', position: at(0), history: 'cleared' })]];
const trained: AppEvent[][] = [[status({ status: 'training', position: at(0) })], [metrics(8)], [metrics(16), evaluation(16)], [status({ status: 'paused', position: at(16) })]];

describe('trackRuns', () => {
  it('starts a run at the first step after a model is built, following its curves, and counts only the time spent training', () => {
    const { tracking, now } = replay([...built, ...trained]);
    const run = tracking.current!;
    expect(run.id).toBe('run-1-4000');
    expect(run.startedAt).toBe(4000);
    expect(run.experiment).toEqual(config);
    expect(run.adapter).toEqual(adapter);
    expect(run.trainMetrics.map((point) => point.step)).toEqual([8, 16]);
    expect(run.evaluations).toHaveLength(1);
    // From its first step (t=4000) to the pause (t=6000); the minute after the pause does not count.
    expect(runRecord(run, now + 60_000).durationMs).toBe(2000);
  });

  it('a reset sets the run aside with all its curves; training again starts a new run', () => {
    const reset = replay([[metrics(24), status({ status: 'ready', position: at(0), history: 'cleared', undoReset: { step: 24 } })]], replay([...built, ...trained]));
    expect(reset.tracking.current).toBeUndefined();
    expect(reset.tracking.setAside!.trainMetrics.map((point) => point.step)).toEqual([8, 16, 24]);
    const again = replay([[status({ status: 'training', position: at(0) }), metrics(8)]], reset);
    expect(again.tracking.current!.id).not.toBe(reset.tracking.setAside!.id);
    expect(again.tracking.current!.trainMetrics.map((point) => point.step)).toEqual([8]);
    expect(again.tracking.setAside).toBeUndefined();
  });

  it('an undo of the reset continues the run it set aside', () => {
    const first = replay([...built, ...trained]);
    const reset = replay([[status({ status: 'ready', position: at(0), history: 'cleared', undoReset: { step: 16 } })]], first);
    const undone = replay([[status({ status: 'paused', position: at(16), history: 'restored' })], [status({ status: 'training', position: at(16) })], [metrics(24)]], reset);
    expect(undone.tracking.current!.id).toBe(first.tracking.current!.id);
    expect(undone.tracking.current!.trainMetrics.map((point) => point.step)).toEqual([8, 16, 24]);
  });

  it('a divergence rolled back to step 0 keeps the run; a new model ends it', () => {
    const first = replay([...built, ...trained]);
    const rolledBack = replay([[status({ status: 'diverged', position: at(0) })]], first);
    expect(rolledBack.tracking.current!.id).toBe(first.tracking.current!.id);
    expect(replay([[configured()]], rolledBack).tracking).toEqual({});
  });

  it('records the settings the run trained with, not edits made after it stopped', () => {
    const first = replay([...built, ...trained]);
    const edited = { ...config.settings, epochs: 9 };
    const later = trackRuns(first.tracking, { previous: first.state, state: { ...first.state }, settings: edited, now: first.now + 1, newId: () => 'unused' });
    expect(later.current!.experiment.settings.epochs).toBe(2);
  });
});

describe('runRecord', () => {
  it('builds a record that passes its own schema on read', () => {
    const { tracking, now } = replay([...built, ...trained]);
    const record = runRecord(tracking.current!, now);
    expect(record).toMatchObject({ version: 2, pinned: false, startedAt: 4000, name: expect.stringMatching(/^Run of /) });
    expect(readRunRecord(structuredClone(record))).toEqual({ ok: true, record, migrated: false });
  });
});
