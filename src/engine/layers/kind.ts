// What a layer kind is, in one interface: fields and schema, shape rule, parameters, GPU ops, float64 reference, PyTorch form, figures.
import type { z } from 'zod';
import type { Activation } from '../activations';
import type { GpuContext } from '../gpu/device';
import type { ComputeOp, HealthRecording } from '../gpu/kernel';
import type { UnitStatsTarget } from '../gpu/kernels/health';
import type { FastPathSwitch } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import type { LayerField } from './fields';
import type { Shape } from './shapes';

/** Where a layer stands: its index in [...hidden layers, output layer], its role, and its per-sample shapes. */
export interface LayerPlace {
  index: number;
  role: 'hidden' | 'output';
  input: Shape;
  output: Shape;
}

/** The output shape, or why the input shape cannot flow through the layer. */
export type ShapeRule = { ok: true; shape: Shape } | { ok: false; message: string };

/** How a parameter tensor starts: uniform in ±limit (drawn in order from the seeded stream), or zero. */
export type TensorInit = { kind: 'uniform'; limit: number } | { kind: 'zeros' };

export interface ParameterTensor {
  /** Its name in the PyTorch module that holds it: 'weight', 'bias'. */
  name: string;
  /** Row-major shape in the flat buffer, e.g. W: [inputs, outputs]. */
  shape: Shape;
  init: TensorInit;
  /** The PyTorch tensor is this one with its axes in this order: [1, 0] stores W [inputs, outputs] as [outputs, inputs]. */
  torchAxes: readonly number[];
  /** In int8 links: 'per-channel' is int8 with one float32 scale per index of the last axis; 'float32' is kept whole. */
  int8: 'per-channel' | 'float32';
}

export interface LayerFigures {
  /** Multiply-adds ×2, per sample. */
  forwardFlopsPerSample: number;
  /** Forward and backward, per sample. */
  trainingFlopsPerSample: number;
  /** Floats one sample keeps on the GPU in training: outputs, pre-activations, gradients, masks. */
  activationFloatsPerSample: number;
}

/** One module of the nn.Sequential; `parameters`: it holds the layer's tensors, named `${index}.${tensor.name}`. */
export interface TorchModuleSource {
  source: string;
  parameters?: true;
  /** The tensor it needs, where that matters: 'image' [N, C, H, W] or 'flat' [N, features]; the export reshapes to it. */
  takes?: 'image' | 'flat';
  /** The tensor it gives, when not the one it takes (nn.Flatten gives 'flat'). */
  gives?: 'image' | 'flat';
}

/** What a layer's GPU build gets from its pass; tensors made through `tensor` belong to the pass. */
export interface GpuBuild {
  ctx: GpuContext;
  cache: PipelineCache;
  batch: number;
  /** Matmuls start on their quickly compiled path (see MatmulOptions.quickStart). */
  quickStart?: boolean;
  tensor(label: string, floats: number): GPUBufferBinding;
}

/** An op of a pass; quick-started ones can move to their fast pipelines; some also record their layer's health statistics. */
export type GpuOp = ComputeOp & Partial<FastPathSwitch> & Partial<HealthRecording>;

export interface GpuForwardInput {
  place: LayerPlace;
  x: GPUBufferBinding; // X: [batch, ...input]
  /** Where the layer before reads its output gradient, when it fixed one (GpuForward.dY): this layer's dX goes there. */
  dX?: GPUBufferBinding;
  /** This layer's tensors in the flat parameters, in `parameters()` order. */
  parameters: readonly GPUBufferBinding[];
  /** Only in training: the layer's own random stream, advanced by the optimizer's GPU step counter. */
  random?: { seed: number; stepCounter: GPUBuffer };
}

/** Made at once, so the next layer can bind to `y` while this one's pipelines compile. */
export interface GpuForward {
  y: GPUBufferBinding; // Y: [batch, ...output]
  /** Where this layer's backward reads dY, when it binds it at build time; otherwise the layer after makes the buffer. */
  dY?: GPUBufferBinding;
  layer: Promise<GpuLayer>;
}

export interface GpuLayer extends GpuOp {
  /** Y = act(Z): the layer after may fuse act′ into the gradient it writes and hand over dZ instead of dY. */
  activation?: { activation: Activation; z: GPUBufferBinding };
  backward(build: GpuBuild, gradient: GpuGradient): GpuBackward;
}

export interface GpuGradient {
  /** ∂loss/∂Y: [batch, ...output]; ∂loss/∂Z instead when `throughActivation` (the layer after fused act′). */
  dY: GPUBufferBinding;
  throughActivation: boolean;
  /** This layer's tensors in the flat gradients, in `parameters()` order. */
  grads: readonly GPUBufferBinding[];
  /**
   * The layer before (for layer 0, the input: no activation, no buffer), only when the gradient of this layer's input is
   * needed: some layer before has parameters, or a saliency map was asked for.
   */
  before?: Pick<GpuLayer, 'activation'> & { dY?: GPUBufferBinding };
  /**
   * Where a step that records health statistics adds this layer's per-channel statistics of Y: a kind that can do
   * it inside an op it runs anyway gives that op `encodeWithHealth` and says `recordsUnitStats`; otherwise the probe
   * runs a kernel of its own.
   */
  unitStats?: UnitStatsTarget;
}

export interface GpuBackward {
  /** Recorded in order, after those of the layer after. */
  ops: Promise<GpuOp>[];
  /** ∂loss/∂X, for the layer before; absent when `before` was. */
  dX?: { dY: GPUBufferBinding; throughActivation: boolean };
  /** Its ops' `encodeWithHealth` add the statistics to `unitStats`. */
  recordsUnitStats?: true;
}

export interface ReferenceInput {
  place: LayerPlace;
  batch: number;
  x: Float64Array; // X: [batch, ...input]
  params: ArrayLike<number>;
  /** Float offsets of this layer's tensors in the flat buffer, in `parameters()` order. */
  offsets: readonly number[];
  /** The keep mask of a layer that draws one; without it such a layer passes values through (evaluation). */
  keep?: Uint8Array;
}

/** Float64 forward, and the local derivative of each forward rule beside it. */
export interface ReferenceOps<Spec, Tape> {
  /** Y, and what backward needs (no tape: the layer passed X through and has no backward). */
  forward(layer: Spec, input: ReferenceInput): { y: Float64Array; tape?: Tape };
  /** dY → dX, writing the layer's parameter gradients into `grads` (flat layout). */
  backward(tape: Tape, dY: Float64Array, context: { batch: number; params: ArrayLike<number>; grads: Float64Array }): Float64Array;
}

/** How a layer's first parameter tensor reads as images, one per output unit (the insight panel's first-layer weights). */
export interface WeightImageLayout {
  units: number;
  height: number;
  width: number;
  /** Index in the first tensor of unit `unit`'s weight at pixel (y, x), of the first channel of a multi-channel input. */
  indexOf(unit: number, y: number, x: number): number;
}

export interface LayerKind<Spec extends { kind: string } = { kind: string }, Tape extends { kind: string } = { kind: string }> {
  kind: Spec['kind'];
  /** "Dense", for cards, palettes and messages. */
  displayName: string;
  /** One line for a palette or a tooltip. */
  blurb: string;
  /** What a person may set, in order; the schema and the defaults are made from them. */
  fields: readonly LayerField[];
  schema: z.ZodType<Spec>;
  defaults: Spec;
  outputShape(layer: Spec, input: Shape): ShapeRule;
  /** A summary's name for it, e.g. "Dense 128 relu". */
  name(layer: Spec, role: LayerPlace['role']): string;
  /** Its tensors, in the order they sit in the flat buffer; none for a layer without parameters. */
  parameters(layer: Spec, place: LayerPlace): ParameterTensor[];
  figures(layer: Spec, place: LayerPlace): LayerFigures;
  torchModules(layer: Spec, place: LayerPlace): TorchModuleSource[];
  reference: ReferenceOps<Spec, Tape>;
  /** Builds its GPU forward op once per model; the layer it resolves to builds its backward ops. */
  gpuForward(build: GpuBuild, layer: Spec, input: GpuForwardInput): GpuForward;
  /** Its first tensor as one image per output unit; absent, or undefined for this input, where that does not read as images. */
  weightImages?(layer: Spec, place: LayerPlace): WeightImageLayout | undefined;
}
