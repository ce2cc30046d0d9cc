// The last test's confusion matrix with per-digit figures and overall accuracy, or how to get one.
import { sendCommand } from '../../store/engine-client';
import { useAppStore, type EvaluationPoint } from '../../store/app-store';
import { useInsightStore } from '../../store/insight-store';
import { formatCount, formatFraction } from '../format';
import { ClassStatsTable } from './ClassStatsTable';
import { ConfusionMatrix } from './ConfusionMatrix';
import { overallFigures } from './confusion-stats';
import { ScaleLegend } from './ScaleLegend';

/** "step 1,234 (epoch 2)", "step 700 (epoch 1.4)". */
const describeEvaluation = ({ step, epoch }: Pick<EvaluationPoint, 'step' | 'epoch'>): string =>
  `step ${formatCount(step)} (epoch ${Number.isInteger(epoch) ? epoch : epoch.toFixed(1)})`;

function NoEvaluation() {
  return (
    <>
      <p className="muted">Train an epoch or press Test now to see which digits the model mixes up, on all 10,000 test images.</p>
      <div className="controls">
        <button type="button" onClick={() => sendCommand({ type: 'evaluate' })}>
          Test now
        </button>
      </div>
    </>
  );
}

function Matrix({ evaluation }: { evaluation: EvaluationPoint }) {
  const open = useInsightStore((state) => state.gallery?.query);
  const overall = overallFigures(evaluation.confusion);
  const largest = Math.max(1, ...evaluation.confusion);
  return (
    <>
      <p className="insight-note" data-testid="confusion-source">
        From the test at {describeEvaluation(evaluation)}: {overall.accuracy === null ? '–' : formatFraction(overall.accuracy)} right ({formatCount(overall.correct)} of{' '}
        {formatCount(overall.total)}). Pick a cell to see its images.
      </p>
      <div className="confusion-layout">
        <div className="confusion-matrix-column">
          <ConfusionMatrix confusion={evaluation.confusion} open={open} />
          <ScaleLegend kind="sequential" labels={['1', `${formatCount(largest)} images (log scale)`]} />
        </div>
        <ClassStatsTable confusion={evaluation.confusion} />
      </div>
    </>
  );
}

export function ConfusionPanel() {
  const evaluation = useAppStore((state) => state.evaluations.at(-1));
  return (
    <div className="insight-card confusion-card">
      <h3>Confusion matrix</h3>
      {evaluation ? <Matrix evaluation={evaluation} /> : <NoEvaluation />}
    </div>
  );
}
