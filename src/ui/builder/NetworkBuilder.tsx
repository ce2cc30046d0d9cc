// The network builder: a palette of layers and the network from the 784 input to the 10-way output,
// edited by dragging (pointer or keyboard) or with plain buttons.
import { DndContext, DragOverlay, defaultDropAnimation } from '@dnd-kit/core';
import { useId, useMemo, type ReactNode } from 'react';
import { MAX_HIDDEN_LAYERS } from '../../engine/model/spec';
import { useExperimentStore, type DraftLayer } from '../../store/experiment-store';
import { LayerPreview, NewLayerPreview } from './DragPreview';
import { networkFigures } from './figures';
import { NetworkColumn } from './NetworkColumn';
import { NetworkTotals } from './NetworkTotals';
import { Palette } from './Palette';
import { useLayerDrag } from './useLayerDrag';
import { useLayerEditing } from './useLayerEditing';
import { canAddLayer, networkIssues, networkWideIssues } from './validity';
import './builder.css';

export interface NetworkBuilderProps {
  /** True while training runs: nothing can be edited. */
  disabled?: boolean;
  /** Controls shown beside the heading (e.g. the preset select). */
  toolbar?: ReactNode;
}

export function NetworkBuilder({ disabled = false, toolbar }: NetworkBuilderProps) {
  const layers = useExperimentStore((state) => state.layers);
  const batchSize = useExperimentStore((state) => state.settings.batchSize);
  return <NetworkEditor layers={layers} batchSize={batchSize} disabled={disabled} toolbar={toolbar} />;
}

interface NetworkEditorProps {
  layers: DraftLayer[];
  batchSize: number;
  disabled: boolean;
  toolbar?: ReactNode;
}

/** The builder for given layers (exported for render tests); edits go to the experiment store. */
export function NetworkEditor({ layers, batchSize, disabled, toolbar }: NetworkEditorProps) {
  const headingId = useId();
  const issues = useMemo(() => networkIssues(layers), [layers]);
  const figures = useMemo(() => networkFigures(layers, batchSize), [layers, batchSize]);
  const editing = useLayerEditing(layers);
  const { dragging, insertAt, contextProps } = useLayerDrag(layers, (action) =>
    action.type === 'insert' ? editing.insert(action.kind, action.index) : editing.moveLayer(action.from, action.to),
  );
  const full = !canAddLayer(layers.length);
  const notes = networkWideIssues(issues).map((issue) => issue.message);
  if (layers.length === MAX_HIDDEN_LAYERS) notes.push(`The network has ${MAX_HIDDEN_LAYERS} hidden layers, the most it can have.`);
  const draggedIndex = dragging?.from === 'network' ? layers.findIndex((layer) => layer.id === dragging.layerId) : -1;

  return (
    <section
      className="panel builder"
      aria-labelledby={headingId}
      data-disabled={disabled || undefined}
      onBlur={(event) => {
        // A layer is selected (Add puts new ones after it) only while focus stays in the builder.
        if (!event.currentTarget.contains(event.relatedTarget)) editing.setAnchorId(null);
      }}
    >
      <header className="builder-header">
        <h2 id={headingId}>Network</h2>
        {toolbar}
        <NetworkTotals totals={figures.totals} batchSize={batchSize} problems={issues.length} />
      </header>
      {disabled && <p className="builder-paused-note">Pause to edit the network.</p>}
      <DndContext {...contextProps}>
        {/* The query container wraps the fieldset only: containment would also trap the fixed-position drag overlay. */}
        <div className="builder-body">
          <fieldset className="builder-layout" disabled={disabled}>
            <legend className="visually-hidden">Edit the network</legend>
            <Palette
              canAdd={!disabled && !full}
              full={full}
              addAfter={editing.anchorIndex < 0 ? null : editing.anchorIndex + 1}
              firstAddRef={editing.firstAdd}
              onAdd={editing.add}
            />
            <NetworkColumn
              layers={layers}
              figures={figures}
              issues={issues}
              notes={notes}
              disabled={disabled}
              insertAt={insertAt}
              acceptsNew={dragging?.from === 'palette'}
              onMove={editing.move}
              onRemove={editing.remove}
              onFocusLayer={editing.setAnchorId}
              registerHandle={editing.registerHandle}
            />
          </fieldset>
        </div>
        <DragOverlay dropAnimation={dragging?.from === 'network' ? defaultDropAnimation : null}>
          {dragging?.from === 'palette' && <NewLayerPreview kind={dragging.kind} />}
          {draggedIndex >= 0 && <LayerPreview layer={layers[draggedIndex]!} position={draggedIndex + 1} figures={figures.hidden[draggedIndex]} />}
        </DragOverlay>
      </DndContext>
      <p className="visually-hidden" role="status" aria-live="polite">
        {editing.message}
      </p>
    </section>
  );
}
