// The training settings: optimizer and its parameters, learning rate and schedule, batch size, epochs, init and seed.
import { DECAY_RATE_BOUND, MAX_BATCH_SIZE, MAX_EPOCHS, MAX_EPSILON, MAX_GRAD_NORM, MAX_SCHEDULE_FACTOR, MAX_WEIGHT_DECAY } from '../../engine/codecs/experiment';
import { OPTIMIZER_KINDS, type OptimizerHyperparameters, type OptimizerKind } from '../../engine/optimizers';
import type { LrSchedule } from '../../engine/train/schedule';
import { useExperimentStore } from '../../store/experiment-store';
import { NumberField, rangeCheck } from '../controls/NumberField';
import { LearningRateField } from './LearningRateField';
import { InitField, SeedField } from './StartFields';

const OPTIMIZER_NAME: Record<OptimizerKind, string> = { sgd: 'SGD', momentum: 'SGD with momentum', nesterov: 'Nesterov momentum', adam: 'Adam', adamw: 'AdamW' };
const SCHEDULE_NAME: Record<LrSchedule['kind'], string> = { constant: 'Constant', step: 'Step decay', cosine: 'Cosine' };
const DEFAULT_SCHEDULES: Record<LrSchedule['kind'], LrSchedule> = {
  constant: { kind: 'constant' },
  step: { kind: 'step', everyEpochs: 2, factor: 0.5 },
  cosine: { kind: 'cosine', minFactor: 0 },
};
/** The same ranges as the experiment schema that checks links and files. */
const decayRate = rangeCheck(0, DECAY_RATE_BOUND, { maxExclusive: true });
const scheduleFactor = rangeCheck(0, MAX_SCHEDULE_FACTOR);

/** The parameters the chosen optimizer uses. */
function OptimizerParameters() {
  const optimizer = useExperimentStore((state) => state.optimizer);
  const hp = useExperimentStore((state) => state.settings.hyperparameters);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  const set = (patch: Partial<OptimizerHyperparameters>) => updateSettings({ hyperparameters: { ...hp, ...patch } });
  const usesMomentum = optimizer === 'momentum' || optimizer === 'nesterov';
  const usesMoments = optimizer === 'adam' || optimizer === 'adamw';
  return (
    <>
      {usesMomentum && <NumberField label="Momentum" value={hp.momentum} step={0.01} check={decayRate} onCommit={(momentum) => set({ momentum })} />}
      {usesMoments && (
        <>
          <NumberField label="β1" value={hp.beta1} step={0.01} check={decayRate} onCommit={(beta1) => set({ beta1 })} />
          <NumberField label="β2" value={hp.beta2} step={0.001} check={decayRate} onCommit={(beta2) => set({ beta2 })} />
          <NumberField label="ε" value={hp.epsilon} check={rangeCheck(0, MAX_EPSILON, { minExclusive: true })} onCommit={(epsilon) => set({ epsilon })} />
        </>
      )}
      <NumberField
        label={optimizer === 'adamw' ? 'Weight decay (decoupled)' : 'Weight decay (L2)'}
        value={hp.weightDecay}
        step={0.0001}
        check={rangeCheck(0, MAX_WEIGHT_DECAY)}
        onCommit={(weightDecay) => set({ weightDecay })}
       
      />
      <NumberField label="Clip gradient norm" hint="0 = off" value={hp.maxGradNorm} step={0.5} check={rangeCheck(0, MAX_GRAD_NORM)} onCommit={(maxGradNorm) => set({ maxGradNorm })} />
    </>
  );
}

function ScheduleFields() {
  const schedule = useExperimentStore((state) => state.settings.schedule);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  return (
    <>
      <label className="field">
        <span className="field-name">LR schedule</span>
        <select value={schedule.kind} onChange={(event) => updateSettings({ schedule: DEFAULT_SCHEDULES[event.target.value as LrSchedule['kind']] })}>
          {Object.entries(SCHEDULE_NAME).map(([kind, name]) => (
            <option key={kind} value={kind}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {schedule.kind === 'step' && (
        <>
          <NumberField label="Decay every (epochs)" value={schedule.everyEpochs} step={1} check={rangeCheck(1, MAX_EPOCHS, { integer: true })} onCommit={(everyEpochs) => updateSettings({ schedule: { ...schedule, everyEpochs } })} />
          <NumberField label="Decay factor" value={schedule.factor} step={0.05} check={rangeCheck(0, MAX_SCHEDULE_FACTOR, { minExclusive: true })} onCommit={(factor) => updateSettings({ schedule: { ...schedule, factor } })} />
        </>
      )}
      {schedule.kind === 'cosine' && (
        <NumberField label="Final LR factor" value={schedule.minFactor} step={0.01} check={scheduleFactor} onCommit={(minFactor) => updateSettings({ schedule: { ...schedule, minFactor } })} />
      )}
    </>
  );
}

export function SettingsForm({ running }: { running: boolean }) {
  const optimizer = useExperimentStore((state) => state.optimizer);
  const { batchSize, epochs } = useExperimentStore((state) => state.settings);
  const trainImages = useExperimentStore((state) => state.trainImages);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  const setOptimizer = useExperimentStore((state) => state.setOptimizer);
  return (
    <form className="settings" aria-label="Training settings" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>Optimizer</legend>
        <label className="field">
          <span className="field-name">Optimizer</span>
          <select value={optimizer} disabled={running} onChange={(event) => setOptimizer(event.target.value as OptimizerKind)}>
            {OPTIMIZER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {OPTIMIZER_NAME[kind]}
              </option>
            ))}
          </select>
        </label>
        <LearningRateField />
        <OptimizerParameters />
        <ScheduleFields />
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        <NumberField label="Batch size" value={batchSize} step={1} check={rangeCheck(1, Math.min(MAX_BATCH_SIZE, trainImages), { integer: true })} onCommit={(value) => updateSettings({ batchSize: value })} />
        <NumberField label="Epochs" value={epochs} step={1} check={rangeCheck(1, MAX_EPOCHS, { integer: true })} onCommit={(value) => updateSettings({ epochs: value })} />
        <InitField disabled={running} />
        <SeedField disabled={running} />
      </fieldset>
    </form>
  );
}
