// The network from input to output: the fixed cards around the sortable hidden layers, and network-wide messages.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { SpecIssue } from '../../engine/model/spec';
import type { DraftLayer } from '../../store/experiment-store';
import { NETWORK_DROP_ID } from './drag';
import type { NetworkFigures } from './figures';
import { InputCard, OutputCard } from './FixedCards';
import { LayerCard, type LayerCardProps } from './LayerCard';
import { issuesOfLayer } from './validity';

type CardHandlers = Pick<LayerCardProps, 'onMove' | 'onRemove' | 'onFocusLayer' | 'registerHandle'>;

interface NetworkColumnProps extends CardHandlers {
  layers: DraftLayer[];
  figures: NetworkFigures;
  issues: SpecIssue[];
  /** Messages about the whole network (too many layers, at the limit). */
  notes: string[];
  disabled: boolean;
  /** Where a new layer being dragged would go, or null. */
  insertAt: number | null;
  /** Whether a new layer from the palette is being dragged (the column is then a drop target). */
  acceptsNew: boolean;
}

export function NetworkColumn({ layers, figures, issues, notes, disabled, insertAt, acceptsNew, ...handlers }: NetworkColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: NETWORK_DROP_ID, disabled: !acceptsNew });
  return (
    <div ref={setNodeRef} className={`builder-network${acceptsNew ? ' accepts-new' : ''}${isOver ? ' is-over' : ''}`}>
      {notes.map((note) => (
        <p key={note} className="builder-network-note" role="status">
          {note}
        </p>
      ))}
      <InputCard />
      <SortableContext items={layers.map((layer) => layer.id)} strategy={verticalListSortingStrategy}>
        <ol className="builder-layers" aria-label="Hidden layers">
          {layers.map((layer, index) => (
            <LayerCard
              key={layer.id}
              layer={layer}
              index={index}
              count={layers.length}
              figures={figures.hidden[index]!}
              issues={issuesOfLayer(issues, index)}
              disabled={disabled}
              insertBefore={insertAt === index}
              {...handlers}
            />
          ))}
        </ol>
      </SortableContext>
      {layers.length === 0 && <p className="builder-empty">No hidden layers: the input goes straight to the output. Drag or add a layer.</p>}
      <OutputCard figures={figures.output} insertBefore={insertAt === layers.length} />
    </div>
  );
}
