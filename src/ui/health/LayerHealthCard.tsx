// One layer's small multiples: gradient norm and update ratio (log), activation mean and standard deviation, dead units (or filters).
import { formatFraction } from '../format';
import type { LayerSeries } from './health-series';
import { Sparkline } from './Sparkline';

/** Updates of 0.01%–1% of the weights per step: around the 1e-3 rule of thumb. */
const HEALTHY_UPDATES = [1e-4, 1e-2] as const;
/** A share of a layer's units: from none to all. */
const SHARE = [0, 1] as const;

export function LayerHealthCard({ series }: { series: LayerSeries }) {
  return (
    <article className="layer-health" aria-label={`Layer ${series.layer + 1}: ${series.name}`} data-testid="layer-health">
      <h4>
        <span className="layer-health-number">{series.layer + 1}</span> {series.name}
      </h4>
      <div className="layer-health-plots">
        <Sparkline title="Gradient norm" points={series.gradientNorm} log />
        <Sparkline title="Update / weight" points={series.updateRatio} log band={HEALTHY_UPDATES} />
        <Sparkline title="Activation mean and std" points={series.activationMean} companion={{ label: 'std', points: series.activationStd }} />
        {series.deadFraction && <Sparkline title={`Dead ${series.deadOf ?? 'units'}`} points={series.deadFraction} bounds={SHARE} format={(value) => formatFraction(value, 0)} />}
      </div>
    </article>
  );
}
