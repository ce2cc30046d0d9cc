// The two layers every network has: the dataset's input (784 pixels for MNIST) and the softmax output over its classes.
import { describeSample, MNIST, sampleSize } from '../../engine/data/datasets';
import { Figures } from './Figures';
import { INPUT_FIGURES, type LayerFigures } from './figures';

const INPUT_SIZE = sampleSize(MNIST);

export function InputCard() {
  return (
    <div className="builder-card builder-fixed builder-input" data-testid="input-card">
      <div className="builder-card-head">
        <span className="builder-fixed-badge">In</span>
        <h3 className="builder-card-title">
          Input {INPUT_SIZE} · {describeSample(MNIST)} pixels
        </h3>
      </div>
      <Figures figures={INPUT_FIGURES} />
    </div>
  );
}

export function OutputCard({ figures, insertBefore }: { figures: LayerFigures; insertBefore: boolean }) {
  return (
    <div className={`builder-card builder-fixed${insertBefore ? ' insert-before' : ''}`} data-testid="output-card">
      <div className="builder-card-head">
        <span className="builder-fixed-badge">Out</span>
        <h3 className="builder-card-title">Output {MNIST.classNames.length} · softmax</h3>
      </div>
      <Figures figures={figures} />
    </div>
  );
}
