// Layer by layer: each hidden layer's activations for the inspected digit, drawn by shape; the first layer's units show their weights.
import { useMemo } from 'react';
import type { LayerActivations, WeightImages } from '../../engine/insight/types';
import { formatShape } from '../../engine/layers/shapes';
import { formatCount } from '../format';
import { ImageCanvas } from './ImageCanvas';
import { layerGrid, layerImage, layerLayout } from './layer-view';
import { TilePicker } from './TilePicker';
import { WeightTile } from './WeightTile';

/** "37 of 128 above zero, largest 3.21". */
function summary(values: Float32Array): string {
  const active = values.reduce((count, value) => count + (value > 0 ? 1 : 0), 0);
  const largest = values.reduce((most, value) => Math.max(most, value), -Infinity);
  return `${formatCount(active)} of ${formatCount(values.length)} above zero, largest ${largest.toFixed(2)}`;
}

/** The weights behind the unit (or channel) picked in the first layer's view. */
function FirstLayerWeights({ weights, unit, unitName }: { weights?: WeightImages; unit: number | null; unitName: string }) {
  if (!weights) return <p className="weight-tile weight-tile-hint muted">Reading the weights…</p>;
  if (unit !== null && unit >= weights.count) return <p className="weight-tile weight-tile-hint muted">Only the first {weights.count} {unitName}s' weights are shown.</p>;
  const hint =
    weights.unitName === 'filter'
      ? `Point at a ${unitName}, or focus the maps and use the arrow keys, to see the filter that made it.`
      : `Point at a ${unitName}, or focus the strip and use the arrow keys, to see the weights it applies to the input.`;
  return <WeightTile weights={weights} unit={unit} scale="per-tile" hint={hint} />;
}

function LayerView({ layer, first, weights }: { layer: LayerActivations; first: boolean; weights?: WeightImages }) {
  const layout = layerLayout(layer.shape);
  const image = useMemo(() => layerImage(layerLayout(layer.shape), layer.values), [layer]);
  const grid = layerGrid(layout);
  const unitName = layout.kind === 'maps' ? 'channel' : 'unit';
  const text = `${layer.name}, ${formatShape(layer.shape)}: ${summary(layer.values)}`;
  return (
    <li className={`layer-view layer-${layout.kind}`}>
      <p className="layer-view-name">
        {layer.name} <span className="muted">· {summary(layer.values)}</span>
      </p>
      {first ? (
        <TilePicker
          grid={grid}
          image={image}
          className="layer-strip"
          label={`${text}. Pick a ${unitName} to see its weights`}
          describe={(index) => `${unitName} ${index + 1} of ${grid.count}${layout.kind === 'units' ? `: ${layer.values[index]!.toFixed(2)}` : ''}`}
        >
          {(unit) => <FirstLayerWeights weights={weights} unit={unit} unitName={unitName} />}
        </TilePicker>
      ) : (
        <ImageCanvas image={image} className="layer-strip-canvas" role="img" aria-label={text} />
      )}
    </li>
  );
}

export function NetworkActivations({ layers, weights }: { layers: LayerActivations[]; weights?: WeightImages }) {
  if (layers.length === 0) return <p className="muted">This network has no hidden layers: the input goes straight to the output.</p>;
  return (
    <ol className="network-activations" aria-label="Activations of each hidden layer for the inspected digit" data-testid="network-view">
      {layers.map((layer, position) => (
        <LayerView key={layer.index} layer={layer} first={position === 0} weights={weights} />
      ))}
    </ol>
  );
}
