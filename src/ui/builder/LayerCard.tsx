// One hidden layer in the network column: drag handle, move and delete buttons, fields, problems and figures; one line while training.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId } from 'react';
import type { SpecIssue } from '../../engine/model/spec';
import type { DraftLayer } from '../../store/experiment-store';
import { Figures } from './Figures';
import type { LayerFigures } from './figures';
import { ArrowIcon, GripIcon, TrashIcon } from './icons';
import { KIND_NAME, controlLabel, layerName } from './labels';
import { LayerFields } from './LayerFields';
import { issueField } from './validity';

export interface LayerCardProps {
  layer: DraftLayer;
  /** 0-based position among the hidden layers. */
  index: number;
  count: number;
  figures: LayerFigures;
  issues: SpecIssue[];
  disabled: boolean;
  /** Show the insertion line above this card (a new layer is dragged here). */
  insertBefore: boolean;
  onMove(index: number, delta: -1 | 1): void;
  onRemove(index: number): void;
  onFocusLayer(id: string): void;
  registerHandle(id: string, element: HTMLElement | null): void;
}

/** Move up, move down and delete: the edits a card offers in place. */
function CardActions({ index, count, onMove, onRemove }: Pick<LayerCardProps, 'index' | 'count' | 'onMove' | 'onRemove'>) {
  const position = index + 1;
  const atEdge = { up: index === 0, down: index === count - 1 };
  return (
    <span className="builder-card-actions">
      {(['up', 'down'] as const).map((direction) => (
        <button
          key={direction}
          type="button"
          className="builder-icon-button"
          aria-label={direction === 'up' ? controlLabel.moveUp(position) : controlLabel.moveDown(position)}
          aria-disabled={atEdge[direction] || undefined}
          onClick={() => atEdge[direction] || onMove(index, direction === 'up' ? -1 : 1)}
        >
          <ArrowIcon direction={direction} />
        </button>
      ))}
      <button type="button" className="builder-icon-button danger" aria-label={controlLabel.remove(position)} onClick={() => onRemove(index)}>
        <TrashIcon />
      </button>
    </span>
  );
}

/** While training, a card is one line: the layer by name and, in place of its edits, the shape it gives. */
function ReadOnlyShape({ shape }: { shape: string | null }) {
  return (
    <span className="builder-card-shape">
      <span className="visually-hidden">output </span>
      {shape ?? '—'}
    </span>
  );
}

export function LayerCard({ layer, index, count, figures, issues, disabled, insertBefore, onMove, onRemove, onFocusLayer, registerHandle }: LayerCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: layer.id,
    data: { from: 'network', layerId: layer.id },
    disabled,
  });
  const baseId = useId();
  const position = index + 1;
  const issueId = (i: number) => `${baseId}-issue-${i}`;
  const issueIds: Partial<Record<string, string>> = {};
  issues.forEach((issue, i) => {
    const field = issueField(issue);
    if (field) issueIds[field] = [issueIds[field], issueId(i)].filter(Boolean).join(' ');
  });
  const classes = ['builder-card', `kind-${layer.kind}`, isDragging && 'is-dragging', insertBefore && 'insert-before', issues.length > 0 && 'is-invalid'];
  return (
    <li
      ref={setNodeRef}
      className={classes.filter(Boolean).join(' ')}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-labelledby={`${baseId}-title`}
      data-testid="layer-card"
      onFocus={() => onFocusLayer(layer.id)}
    >
      <div className="builder-card-head">
        <button
          type="button"
          className="builder-handle"
          ref={(element) => {
            setActivatorNodeRef(element);
            registerHandle(layer.id, element);
          }}
          {...attributes}
          {...listeners}
          aria-label={controlLabel.dragLayer(position, layer)}
        >
          <GripIcon />
        </button>
        <span className="builder-card-index" aria-hidden="true">
          {position}
        </span>
        <h3 className="builder-card-title" id={`${baseId}-title`}>
          <span className="visually-hidden">Layer {position}: </span>
          {disabled ? layerName(layer) : KIND_NAME[layer.kind]}
        </h3>
        {disabled ? <ReadOnlyShape shape={figures.shape} /> : <CardActions index={index} count={count} onMove={onMove} onRemove={onRemove} />}
      </div>
      {!disabled && <LayerFields layer={layer} position={position} issueIds={issueIds} />}
      {issues.map((issue, i) => (
        <p key={issue.message} id={issueId(i)} className="builder-issue">
          {issue.message}
        </p>
      ))}
      <Figures figures={figures} />
    </li>
  );
}
