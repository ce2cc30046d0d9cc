// The palette of layer kinds: drag one into the network, or press its Add button.
import { useDraggable } from '@dnd-kit/core';
import { useId, type Ref } from 'react';
import { LAYER_KINDS } from '../../engine/layers/registry';
import { MAX_HIDDEN_LAYERS } from '../../engine/model/spec';
import { paletteDragId } from './drag';
import { GripIcon, PlusIcon } from './icons';
import { KIND_NAME, controlLabel, type LayerKind } from './labels';

interface PaletteItemProps {
  kind: LayerKind;
  blurb: string;
  canAdd: boolean;
  hintId: string;
  addRef?: Ref<HTMLButtonElement>;
  onAdd(kind: LayerKind): void;
}

function PaletteItem({ kind, blurb, canAdd, hintId, addRef, onAdd }: PaletteItemProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: paletteDragId(kind),
    data: { from: 'palette', kind },
    disabled: !canAdd,
  });
  return (
    <li ref={setNodeRef} className={`builder-palette-item kind-${kind}${isDragging ? ' is-source' : ''}`}>
      <button
        type="button"
        className="builder-palette-drag"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        disabled={!canAdd}
        aria-label={controlLabel.dragNew(kind)}
      >
        <GripIcon />
        <span className="builder-palette-text">
          <span className="builder-palette-name">{KIND_NAME[kind]}</span>
          <span className="builder-palette-blurb">{blurb}</span>
        </span>
      </button>
      <button type="button" ref={addRef} className="builder-add" aria-label={controlLabel.add(kind)} aria-describedby={hintId} disabled={!canAdd} onClick={() => onAdd(kind)}>
        <PlusIcon />
        <span>Add</span>
      </button>
    </li>
  );
}

interface PaletteProps {
  canAdd: boolean;
  full: boolean;
  /** 1-based position the Add buttons insert after, or null for the end. */
  addAfter: number | null;
  firstAddRef: Ref<HTMLButtonElement>;
  onAdd(kind: LayerKind): void;
}

export function Palette({ canAdd, full, addAfter, firstAddRef, onAdd }: PaletteProps) {
  const hintId = useId();
  const hint = full
    ? `A network has at most ${MAX_HIDDEN_LAYERS} hidden layers: delete one to add another.`
    : addAfter === null
      ? 'Add puts the new layer at the end. Or drag it to any place in the network.'
      : `Add puts the new layer after layer ${addAfter}. Or drag it to any place in the network.`;
  return (
    <aside className="builder-palette" aria-labelledby={`${hintId}-heading`}>
      <h3 id={`${hintId}-heading`}>Layers</h3>
      <ul>
        {LAYER_KINDS.map(({ kind, blurb }, index) => (
          <PaletteItem key={kind} kind={kind} blurb={blurb} canAdd={canAdd} hintId={hintId} addRef={index === 0 ? firstAddRef : undefined} onAdd={onAdd} />
        ))}
      </ul>
      <p id={hintId} className={`builder-hint${full ? ' is-full' : ''}`}>
        {hint}
      </p>
    </aside>
  );
}
