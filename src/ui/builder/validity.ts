// Whether the edited network is valid, and which layer and field each problem belongs to.
import { LAYER_KINDS } from '../../engine/layers/registry';
import { MAX_HIDDEN_LAYERS, validateModelSpec, type SpecIssue } from '../../engine/model/spec';
import { draftSpec, patchLayer, type DraftLayer, type LayerPatch } from '../../store/experiment-store';

const FIELD_KEYS = new Set(LAYER_KINDS.flatMap(({ fields }) => fields.map((field) => field.key)));

/** Problems with the edited network, each naming its layer (1-based in the message); empty when it can train. */
export function networkIssues(layers: readonly DraftLayer[]): SpecIssue[] {
  const validation = validateModelSpec(draftSpec(layers));
  return validation.ok ? [] : validation.issues;
}

/**
 * Why `patch` would make the hidden layer at `position` (1-based) invalid, in the words its issues use
 * ("layer 2: units must be at least 1"), or undefined when the patched layer is valid.
 */
export function layerEditProblem(layer: DraftLayer, position: number, patch: LayerPatch): string | undefined {
  const [issue] = networkIssues([patchLayer(layer, patch)]); // alone, the layer is "layer 1"
  return issue?.message.replace(/^layer 1: /, `layer ${position}: `);
}

/** The field an issue message is about ("layer 2: units must be at least 1" → "units"), if it names one. */
export function issueField(issue: SpecIssue): string | null {
  const text = issue.message.replace(/^layer \d+: /, '');
  const field = /^\w+/.exec(text)?.[0];
  return field !== undefined && FIELD_KEYS.has(field) ? field : null;
}

/** The issues about hidden layer `index` (0-based). */
export function issuesOfLayer(issues: readonly SpecIssue[], index: number): SpecIssue[] {
  return issues.filter((issue) => issue.layer === index);
}

/** The issues about the network as a whole (too many layers). */
export function networkWideIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  return issues.filter((issue) => issue.layer === undefined);
}

/** Whether one more hidden layer fits. */
export const canAddLayer = (layerCount: number): boolean => layerCount < MAX_HIDDEN_LAYERS;
