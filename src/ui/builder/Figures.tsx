// A layer's output shape, parameter count and FLOPs as a small definition list ("—" where not known yet).
import { formatCount } from '../format';
import type { LayerFigures } from './figures';

const shown = (value: number | null) => (value === null ? '—' : formatCount(value));

export function Figures({ figures }: { figures: LayerFigures }) {
  return (
    <dl className="builder-figures">
      <div>
        <dt>Output</dt>
        <dd data-testid="layer-output-shape" title="One sample's output: height×width×channels, or features">
          {figures.shape ?? '—'}
        </dd>
      </div>
      <div>
        <dt>Parameters</dt>
        <dd>{shown(figures.parameters)}</dd>
      </div>
      <div>
        <dt>FLOPs/sample</dt>
        <dd>{shown(figures.forwardFlops)}</dd>
      </div>
    </dl>
  );
}
