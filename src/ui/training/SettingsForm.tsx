// The training settings, each with a line on what it does: optimizer and its parameters, learning rate and schedule,
// batch size, epochs, init and seed.
import { DECAY_RATE_BOUND, MAX_BATCH_SIZE, MAX_EPOCHS, MAX_EPSILON, MAX_GRAD_NORM, MAX_SCHEDULE_FACTOR, MAX_WEIGHT_DECAY } from '../../engine/codecs/experiment';
import { OPTIMIZER_KINDS, type OptimizerHyperparameters } from '../../engine/optimizers';
import { OPTIMIZER_NAME } from '../format';
import type { LrSchedule } from '../../engine/train/schedule';
import { useExperimentStore } from '../../store/experiment-store';
import { SelectField } from '../controls/Field';
import { rangeCheck } from '../controls/number-text';
import { NumberField } from '../controls/NumberField';
import { LearningRateField } from './LearningRateField';
import { SETTING_HELP, type SettingHelp } from './setting-help';
import { InitField, SeedField } from './StartFields';

const OPTIMIZER_OPTIONS = OPTIMIZER_KINDS.map((kind) => [kind, OPTIMIZER_NAME[kind]] as const);
const SCHEDULE_HELP: Record<LrSchedule['kind'], SettingHelp> = { constant: SETTING_HELP.scheduleConstant, step: SETTING_HELP.scheduleStep, cosine: SETTING_HELP.scheduleCosine };
const SCHEDULE_OPTIONS = Object.entries(SCHEDULE_HELP).map(([kind, { name }]) => [kind as LrSchedule['kind'], name] as const);
const DEFAULT_SCHEDULES: Record<LrSchedule['kind'], LrSchedule> = {
  constant: { kind: 'constant' },
  step: { kind: 'step', everyEpochs: 2, factor: 0.5 },
  cosine: { kind: 'cosine', minFactor: 0 },
};
/** The same ranges as the experiment schema that checks links and files. */
const decayRate = rangeCheck(0, DECAY_RATE_BOUND, { maxExclusive: true });
const epochCount = rangeCheck(1, MAX_EPOCHS, { integer: true });

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
      {usesMomentum && <NumberField {...SETTING_HELP.momentum} value={hp.momentum} step={0.01} check={decayRate} onCommit={(momentum) => set({ momentum })} />}
      {usesMoments && (
        <>
          <NumberField {...SETTING_HELP.beta1} value={hp.beta1} step={0.01} check={decayRate} onCommit={(beta1) => set({ beta1 })} />
          <NumberField {...SETTING_HELP.beta2} value={hp.beta2} step={0.001} check={decayRate} onCommit={(beta2) => set({ beta2 })} />
          <NumberField {...SETTING_HELP.epsilon} value={hp.epsilon} check={rangeCheck(0, MAX_EPSILON, { minExclusive: true })} onCommit={(epsilon) => set({ epsilon })} />
        </>
      )}
      <NumberField
        {...(optimizer === 'adamw' ? SETTING_HELP.weightDecayDecoupled : SETTING_HELP.weightDecay)}
        value={hp.weightDecay}
        step={0.0001}
        check={rangeCheck(0, MAX_WEIGHT_DECAY)}
        onCommit={(weightDecay) => set({ weightDecay })}
      />
      <NumberField {...SETTING_HELP.maxGradNorm} value={hp.maxGradNorm} step={0.5} check={rangeCheck(0, MAX_GRAD_NORM)} onCommit={(maxGradNorm) => set({ maxGradNorm })} />
    </>
  );
}

function ScheduleFields() {
  const schedule = useExperimentStore((state) => state.settings.schedule);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  return (
    <>
      <SelectField
        name={SETTING_HELP.schedule.name}
        help={SCHEDULE_HELP[schedule.kind].help}
        value={schedule.kind}
        options={SCHEDULE_OPTIONS}
        onValue={(kind) => updateSettings({ schedule: DEFAULT_SCHEDULES[kind] })}
      />
      {schedule.kind === 'step' && (
        <>
          <NumberField {...SETTING_HELP.everyEpochs} value={schedule.everyEpochs} step={1} check={epochCount} onCommit={(everyEpochs) => updateSettings({ schedule: { ...schedule, everyEpochs } })} />
          <NumberField {...SETTING_HELP.factor} value={schedule.factor} step={0.05} check={rangeCheck(0, MAX_SCHEDULE_FACTOR, { minExclusive: true })} onCommit={(factor) => updateSettings({ schedule: { ...schedule, factor } })} />
        </>
      )}
      {schedule.kind === 'cosine' && (
        <NumberField {...SETTING_HELP.minFactor} value={schedule.minFactor} step={0.01} check={rangeCheck(0, MAX_SCHEDULE_FACTOR)} onCommit={(minFactor) => updateSettings({ schedule: { ...schedule, minFactor } })} />
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
        <SelectField {...SETTING_HELP.optimizer} value={optimizer} options={OPTIMIZER_OPTIONS} disabled={running} onValue={setOptimizer} />
        <LearningRateField />
        <OptimizerParameters />
        <ScheduleFields />
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        <NumberField
          {...SETTING_HELP.batchSize}
          value={batchSize}
          step={1}
          check={rangeCheck(1, Math.min(MAX_BATCH_SIZE, trainImages), { integer: true })}
          onCommit={(value) => updateSettings({ batchSize: value })}
        />
        <NumberField {...SETTING_HELP.epochs} value={epochs} step={1} check={epochCount} onCommit={(value) => updateSettings({ epochs: value })} />
        <InitField disabled={running} />
        <SeedField disabled={running} />
      </fieldset>
    </form>
  );
}
