// The layer kinds, one line each: the graph, the reference, the summary, admission and the codecs iterate over them or look one up.
import { CONV2D } from './conv2d';
import { classifierLayer, DENSE } from './dense';
import { DROPOUT } from './dropout';
import { FLATTEN } from './flatten';
import type { LayerKind } from './kind';
import { MAXPOOL } from './maxpool';

export const LAYER_KINDS = [DENSE, DROPOUT, CONV2D, MAXPOOL, FLATTEN] as const;

type Kinds = (typeof LAYER_KINDS)[number];
type SpecOf<K> = K extends LayerKind<infer Spec, infer _Tape> ? Spec : never;
type TapeOf<K> = K extends LayerKind<infer _Spec, infer Tape> ? Tape : never;

/** One layer of a model spec, of any kind. */
export type LayerSpec = SpecOf<Kinds>;
/** What a layer's float64 forward keeps for its backward, of any kind. */
export type LayerTape = TapeOf<Kinds>;
export type AnyLayerKind = LayerKind<LayerSpec, LayerTape>;

const BY_KIND = new Map<string, AnyLayerKind>(LAYER_KINDS.map((kind) => [kind.kind, kind]));

/** The kind of a layer, or of a float64 tape entry. */
export function kindOf(kind: LayerSpec['kind']): AnyLayerKind {
  return BY_KIND.get(kind)!;
}

/** Whether `kind` names a registered kind (as data from a drag or a file may not). */
export const isLayerKind = (kind: unknown): kind is LayerSpec['kind'] => typeof kind === 'string' && BY_KIND.has(kind);

/** The last layer every classifier ends with, for `classes` classes. */
export const outputLayer: (classes: number) => LayerSpec = classifierLayer;
