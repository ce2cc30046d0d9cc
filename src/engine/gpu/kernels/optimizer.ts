// Optimizer step on the GPU over one flat parameter buffer, with global-norm clipping and a GPU step counter.
import type { OptimizerHyperparameters, OptimizerKind, StepSchedule } from '../../optimizers';
import type { GpuContext } from '../device';
import { foldedDispatch } from '../dispatch';
import { bindKernel } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import optimizersCode from '../../../../shaders/optimizers.wgsl?raw';

const OPTIMIZERS_SHADER: ShaderSource = { file: 'shaders/optimizers.wgsl', code: optimizersCode };
const WORKGROUP_SIZE = 64;
/** The final norm reduction runs in one workgroup this size (small: SwiftShader makes barriers costly in big workgroups). */
const NORM_WORKGROUP_SIZE = 64;
const HYPERPARAMETER_BYTES = 64; // Hyperparameters: 2 u32 + 7 f32 + 3 u32 + 2 f32 + 1 i32, padded to 16 bytes
const STEP_SCALAR_BYTES = 16; // StepScalars: 4 f32
const STORAGE_STATE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

/** Binding numbers in shaders/optimizers.wgsl. */
const BINDING = { hyperparameters: 0, params: 1, grads: 2, stepCounter: 6, scalars: 7, partials: 8 } as const;
interface StateSlot {
  name: string;
  binding: number;
}
const VELOCITY: StateSlot[] = [{ name: 'velocity', binding: 3 }];
const MOMENTS: StateSlot[] = [
  { name: 'first moment', binding: 4 },
  { name: 'second moment', binding: 5 },
];
/** Each kind's update entry point, its override constants and its state slots, in the order of OptimizerOptions.state. */
const UPDATE: Record<OptimizerKind, { entryPoint: string; constants: Record<string, number>; slots: StateSlot[] }> = {
  sgd: { entryPoint: 'sgd_step', constants: {}, slots: [] },
  momentum: { entryPoint: 'momentum_step', constants: { NESTEROV: 0 }, slots: VELOCITY },
  nesterov: { entryPoint: 'momentum_step', constants: { NESTEROV: 1 }, slots: VELOCITY },
  adam: { entryPoint: 'adam_step', constants: { DECOUPLED_WEIGHT_DECAY: 0 }, slots: MOMENTS },
  adamw: { entryPoint: 'adam_step', constants: { DECOUPLED_WEIGHT_DECAY: 1 }, slots: MOMENTS },
};

export const CONSTANT_SCHEDULE: StepSchedule = { kind: 'constant' };
const SCHEDULE_CODE = { constant: 0, step: 1, cosine: 2 } as const;
/** The uniform's schedule fields that a kind does not use. */
const UNUSED_SCHEDULE_FIELDS = { stepsPerDecay: 1, totalSteps: 1, factor: 1, minFactor: 1, stepOffset: 0 };

export interface OptimizerOptions {
  kind: OptimizerKind;
  length: number; // parameters
  params: GPUBuffer; // f32 [length], updated in place
  grads: GPUBuffer; // f32 [length], only read
  /** OPTIMIZER_STATE_SLOTS[kind] buffers of f32 [length]: velocity, or first and second moment; zero before the first step. */
  state: readonly GPUBuffer[];
  /** u32 steps completed (createStepCounter); each step adds 1 on the GPU, and Adam's bias correction uses it. */
  stepCounter: GPUBuffer;
  hyperparameters: OptimizerHyperparameters;
  /** Defaults to a constant learning rate. */
  schedule?: StepSchedule;
}

export interface OptimizerOp {
  /** Rewrites the uniform (queue.writeBuffer): applies to every step submitted afterwards; call it before encoding them. */
  setHyperparameters(hyperparameters: OptimizerHyperparameters, schedule?: StepSchedule): void;
  /** Records one whole step into `pass`: begin step (after the partial norms when clipping) → update. */
  encode(pass: GPUComputePassEncoder): void;
  dispose(): void;
}

/** The shared step counter (u32, zero); the optimizer increments it, dropout reads it. Write it to restore a checkpoint. */
export function createStepCounter(ctx: GpuContext, label = 'optimizer step counter'): GPUBuffer {
  return ctx.buffers.create({ label, size: 4, usage: STORAGE_STATE });
}

/** Zeroed state buffers for `kind` (readable and writable for checkpoints). */
export function createOptimizerState(ctx: GpuContext, kind: OptimizerKind, length: number): GPUBuffer[] {
  return UPDATE[kind].slots.map(({ name }) => ctx.buffers.create({ label: `${kind} ${name}`, size: length * 4, usage: STORAGE_STATE }));
}

function checkHyperparameters(hp: OptimizerHyperparameters): void {
  for (const [name, value] of Object.entries(hp)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be finite and ≥ 0, got ${value}`);
  }
  if (hp.beta1 >= 1 || hp.beta2 >= 1) throw new RangeError(`beta1 and beta2 must be < 1, got ${hp.beta1}, ${hp.beta2}`);
}

function checkSchedule(schedule: StepSchedule): void {
  const whole = (value: number) => Number.isInteger(value) && value >= 1 && value < 2 ** 32;
  if (schedule.kind !== 'constant' && !(Number.isInteger(schedule.stepOffset) && Math.abs(schedule.stepOffset) < 2 ** 31)) {
    throw new RangeError(`a schedule's stepOffset must be a whole number within ±2³¹, got ${schedule.stepOffset}`);
  }
  if (schedule.kind === 'step' && !(whole(schedule.stepsPerDecay) && schedule.factor > 0 && schedule.factor <= 1)) {
    throw new RangeError(`a step schedule needs stepsPerDecay ≥ 1 and a factor in (0, 1], got ${schedule.stepsPerDecay}, ${schedule.factor}`);
  }
  if (schedule.kind === 'cosine' && !(whole(schedule.totalSteps) && schedule.minFactor >= 0 && schedule.minFactor <= 1)) {
    throw new RangeError(`a cosine schedule needs totalSteps ≥ 1 and minFactor in [0, 1], got ${schedule.totalSteps}, ${schedule.minFactor}`);
  }
}

function hyperparameterBytes(length: number, normPartials: number, hp: OptimizerHyperparameters, schedule: StepSchedule): Uint8Array {
  const bytes = new ArrayBuffer(HYPERPARAMETER_BYTES);
  new Uint32Array(bytes, 0, 2).set([length, normPartials]);
  const { learningRate, momentum, beta1, beta2, epsilon, weightDecay, maxGradNorm } = hp;
  new Float32Array(bytes, 8, 7).set([learningRate, momentum, beta1, beta2, epsilon, weightDecay, maxGradNorm]);
  const { kind, stepsPerDecay, totalSteps, factor, minFactor, stepOffset } = { ...UNUSED_SCHEDULE_FIELDS, ...schedule };
  new Uint32Array(bytes, 36, 3).set([SCHEDULE_CODE[kind], stepsPerDecay, totalSteps]);
  new Float32Array(bytes, 48, 2).set([factor, minFactor]);
  new Int32Array(bytes, 56, 1).set([stepOffset]);
  return new Uint8Array(bytes);
}

/**
 * Partial norms: each of P invocations sums ≈ √(n / 64) strided squares, and the final workgroup of 64 sums P / 64
 * partials per invocation, so both levels do about the same work and neither needs barriers across many workgroups.
 */
function normPartialCount(length: number): number {
  return Math.ceil(length / Math.max(1, Math.ceil(Math.sqrt(length / NORM_WORKGROUP_SIZE))));
}

interface OwnedBuffers {
  hyperparameters: GPUBuffer;
  scalars: GPUBuffer;
  partials: GPUBuffer;
}

type Bindings = [binding: number, buffer: GPUBuffer][];

/** The four kernels of one optimizer, each with its bind group (layout 'auto' keeps only the bindings it uses). */
async function createKernels(
  ctx: GpuContext,
  cache: PipelineCache,
  options: OptimizerOptions,
  owned: OwnedBuffers,
  normPartials: number,
) {
  const { kind, length } = options;
  const kernel = async (entryPoint: string, constants: Record<string, number>, bindings: Bindings, workgroups: [number, number]) => {
    const pipeline = await cache.pipeline({ shader: OPTIMIZERS_SHADER, entryPoint, constants });
    const resources: GPUBuffer[] = [];
    for (const [binding, buffer] of [[BINDING.hyperparameters, owned.hyperparameters] as const, ...bindings]) resources[binding] = buffer;
    return bindKernel(ctx.device, pipeline, `${kind} ${entryPoint}`, resources, workgroups);
  };
  const maxGroups = ctx.device.limits.maxComputeWorkgroupsPerDimension;
  const update = UPDATE[kind];
  const startStep: Bindings = [[BINDING.stepCounter, options.stepCounter], [BINDING.scalars, owned.scalars]];
  const normPartial: Bindings = [[BINDING.grads, options.grads], [BINDING.partials, owned.partials]];
  const updateStep: Bindings = [[BINDING.params, options.params], [BINDING.grads, options.grads], [BINDING.scalars, owned.scalars]];
  update.slots.forEach(({ binding }, slot) => updateStep.push([binding, options.state[slot]!]));
  const [normPartialKernel, beginStep, beginClippedStep, updateKernel] = await Promise.all([
    kernel('grad_norm_partial', { WORKGROUP_SIZE }, normPartial, foldedDispatch(normPartials, WORKGROUP_SIZE, maxGroups)),
    kernel('begin_step', {}, startStep, [1, 1]),
    kernel('begin_clipped_step', { NORM_WORKGROUP_SIZE }, [...startStep, [BINDING.partials, owned.partials]], [1, 1]),
    kernel(update.entryPoint, { WORKGROUP_SIZE, ...update.constants }, updateStep, foldedDispatch(length, WORKGROUP_SIZE, maxGroups)),
  ]);
  return { normPartial: normPartialKernel, beginStep, beginClippedStep, update: updateKernel };
}

function checkOptions({ kind, length, state }: OptimizerOptions): void {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be a whole number ≥ 1, got ${length}`);
  const slots = UPDATE[kind].slots.length;
  if (state.length !== slots) throw new RangeError(`${kind} needs ${slots} state buffers, got ${state.length}`);
}

export async function createOptimizer(ctx: GpuContext, cache: PipelineCache, options: OptimizerOptions): Promise<OptimizerOp> {
  checkOptions(options);
  const { kind, length, hyperparameters, schedule = CONSTANT_SCHEDULE } = options;
  checkHyperparameters(hyperparameters);
  checkSchedule(schedule);
  const normPartials = normPartialCount(length);
  const owned: OwnedBuffers = {
    hyperparameters: ctx.buffers.createWithData(`${kind} hyperparameters`, hyperparameterBytes(length, normPartials, hyperparameters, schedule), GPUBufferUsage.UNIFORM),
    scalars: ctx.buffers.create({ label: `${kind} step scalars`, size: STEP_SCALAR_BYTES, usage: GPUBufferUsage.STORAGE }),
    partials: ctx.buffers.create({ label: `${kind} gradient norm partials`, size: normPartials * 4, usage: GPUBufferUsage.STORAGE }),
  };
  const kernels = await createKernels(ctx, cache, options, owned, normPartials);
  let clipping = hyperparameters.maxGradNorm > 0;

  return {
    setHyperparameters(hp, nextSchedule = CONSTANT_SCHEDULE) {
      checkHyperparameters(hp);
      checkSchedule(nextSchedule);
      ctx.device.queue.writeBuffer(owned.hyperparameters, 0, hyperparameterBytes(length, normPartials, hp, nextSchedule));
      clipping = hp.maxGradNorm > 0;
    },
    encode(pass) {
      if (clipping) {
        kernels.normPartial.encode(pass);
        kernels.beginClippedStep.encode(pass);
      } else kernels.beginStep.encode(pass);
      kernels.update.encode(pass);
    },
    dispose: () => Object.values(owned).forEach((buffer) => ctx.buffers.destroy(buffer)),
  };
}
