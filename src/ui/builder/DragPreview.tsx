// What follows the pointer while dragging: a static copy of the card (no controls, hidden from assistive technology).
import { kindOf } from '../../engine/layers/registry';
import type { DraftLayer } from '../../store/experiment-store';
import { Figures } from './Figures';
import type { LayerFigures } from './figures';
import { GripIcon } from './icons';
import { KIND_NAME, layerName, type LayerKind } from './labels';

export function NewLayerPreview({ kind }: { kind: LayerKind }) {
  return (
    <div className={`builder-preview builder-palette-item kind-${kind}`} aria-hidden="true">
      <span className="builder-palette-drag">
        <GripIcon />
        <span className="builder-palette-text">
          <span className="builder-palette-name">{KIND_NAME[kind]}</span>
          <span className="builder-palette-blurb">{kindOf(kind).blurb}</span>
        </span>
      </span>
    </div>
  );
}

export function LayerPreview({ layer, position, figures }: { layer: DraftLayer; position: number; figures: LayerFigures | undefined }) {
  return (
    <div className={`builder-preview builder-card kind-${layer.kind}`} aria-hidden="true">
      <div className="builder-card-head">
        <span className="builder-handle">
          <GripIcon />
        </span>
        <span className="builder-card-index">{position}</span>
        <span className="builder-card-title">{layerName(layer)}</span>
      </div>
      {figures && <Figures figures={figures} />}
    </div>
  );
}
