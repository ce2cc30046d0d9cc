// Optimizer step over one flat parameter buffer: optional global-norm clipping, then SGD, momentum/Nesterov or Adam/AdamW.
// One step, in one pass: begin_step (or grad_norm_partial → begin_clipped_step when clipping), then <kind>_step per parameter.

// Rewritten by the caller between submits (setHyperparameters).
struct Hyperparameters {
  length: u32,         // parameters
  norm_partials: u32,  // invocations of grad_norm_partial = entries of `partials`
  learning_rate: f32,
  momentum: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
  weight_decay: f32,   // L2 for sgd/momentum/adam, decoupled for adamw (DECOUPLED_WEIGHT_DECAY)
  max_grad_norm: f32,  // clip when > 0
  // The learning rate of step t is learning_rate · factor(t − 1 + step_offset): the schedule runs on the GPU, step by step.
  schedule: u32,         // 0 constant, 1 step decay, 2 cosine
  steps_per_decay: u32,  // step decay: × decay_factor every this many steps
  total_steps: u32,      // cosine: the run's length in steps
  decay_factor: f32,
  min_factor: f32,       // cosine: the factor from total_steps on
  step_offset: i32,      // where the schedule stands minus steps completed: 0 unless the batch size changed
}

// Values shared by every parameter in one step, written by begin_step or begin_clipped_step.
struct StepScalars {
  grad_scale: f32,                 // min(1, max_grad_norm / ‖g‖₂), or 1 without clipping
  adam_step_size: f32,             // lr / (1 − β1ᵗ)
  inv_sqrt_bias_correction2: f32,  // 1 / √(1 − β2ᵗ)
  learning_rate: f32,              // this step's, after the schedule
}

@group(0) @binding(0) var<uniform> hp: Hyperparameters;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;        // [length], updated in place
@group(0) @binding(2) var<storage, read> grads: array<f32>;               // [length]
@group(0) @binding(3) var<storage, read_write> velocity: array<f32>;      // [length] momentum, nesterov
@group(0) @binding(4) var<storage, read_write> first_moment: array<f32>;  // [length] adam, adamw
@group(0) @binding(5) var<storage, read_write> second_moment: array<f32>; // [length] adam, adamw
@group(0) @binding(6) var<storage, read_write> step_counter: u32;         // steps completed; begin_step adds 1
@group(0) @binding(7) var<storage, read_write> scalars: StepScalars;
@group(0) @binding(8) var<storage, read_write> partials: array<f32>;      // [norm_partials]: Σ g² of strided slices

override WORKGROUP_SIZE: u32 = 64u;       // parameter updates and partial norms
override NORM_WORKGROUP_SIZE: u32 = 64u;  // the final norm reduction; a power of two
override NESTEROV: bool = false;
override DECOUPLED_WEIGHT_DECAY: bool = false;

var<workgroup> reduction: array<f32, NORM_WORKGROUP_SIZE>;

/** Sum of `value` over the workgroup (tree reduction); every invocation gets the total. */
fn workgroup_sum(value: f32, lid: u32) -> f32 {
  reduction[lid] = value;
  for (var stride = NORM_WORKGROUP_SIZE / 2u; stride > 0u; stride >>= 1u) {
    workgroupBarrier();
    if (lid < stride) { reduction[lid] += reduction[lid + stride]; }
  }
  workgroupBarrier();
  return reduction[0];
}

fn flat_index(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * WORKGROUP_SIZE;
}

// Σ g² of the strided slice j, j + P, j + 2P, … (P = norm_partials): no workgroup barriers, coalesced reads.
@compute @workgroup_size(WORKGROUP_SIZE)
fn grad_norm_partial(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let j = flat_index(gid, groups);
  if (j >= hp.norm_partials) { return; }
  var sum = 0.0;
  for (var i = j; i < hp.length; i += hp.norm_partials) { sum += grads[i] * grads[i]; }
  partials[j] = sum;
}

/**
 * 1 − βᵗ without the cancellation of computing βᵗ first: binary powering on c(k) = 1 − βᵏ, with
 * c(2k) = c(k)·(2 − c(k)) and c(k + 1) = (1 − β) + β·c(k), whose terms are all non-negative for β in [0, 1].
 */
fn one_minus_power(beta: f32, t: u32) -> f32 {
  var c = 0.0;
  for (var bit = 31i; bit >= 0i; bit--) {
    c *= 2.0 - c;
    if (((t >> u32(bit)) & 1u) == 1u) { c = (1.0 - beta) + beta * c; }
  }
  return c;
}

const PI = 3.14159265358979;

/** baseⁿ by binary powering: a few roundings, where pow() goes through exp2 and log2. */
fn integer_power(base: f32, n: u32) -> f32 {
  var result = 1.0;
  var square = base;
  for (var rest = n; rest > 0u; rest >>= 1u) {
    if ((rest & 1u) == 1u) { result *= square; }
    square *= square;
  }
  return result;
}

/** cos(π·x) for x in [0, 1] to within 1e-7: WGSL's cos() may be off by 2⁻¹¹. Taylor to y¹² on [0, π/2], then cos(π − y) = −cos(y). */
fn cos_pi(x: f32) -> f32 {
  let mirrored = x > 0.5;
  let y = PI * select(x, 1.0 - x, mirrored);
  let y2 = y * y;
  let c = 1.0 + y2 * (-1.0 / 2.0 + y2 * (1.0 / 24.0 + y2 * (-1.0 / 720.0 + y2 * (1.0 / 40320.0 + y2 * (-1.0 / 3628800.0 + y2 / 479001600.0)))));
  return select(c, -c, mirrored);
}

/** The schedule's factor for the step after `completed` ones (see src/engine/reference/schedule.ts). */
fn learning_rate_factor(completed: u32) -> f32 {
  let steps = completed + bitcast<u32>(hp.step_offset); // u32 addition wraps: completed + step_offset, which is ≥ 0
  switch hp.schedule {
    case 1u: { return integer_power(hp.decay_factor, steps / max(hp.steps_per_decay, 1u)); }
    case 2u: {
      let progress = min(f32(steps) / f32(max(hp.total_steps, 1u)), 1.0);
      return hp.min_factor + (1.0 - hp.min_factor) * 0.5 * (1.0 + cos_pi(progress));
    }
    default: { return 1.0; }
  }
}

// Counts the step (t = steps completed + 1) and stores its learning rate, gradient scale and Adam's bias-corrected factors.
fn start_step(grad_scale: f32) {
  let t = step_counter + 1u;
  step_counter = t;
  let learning_rate = hp.learning_rate * learning_rate_factor(t - 1u);
  scalars.learning_rate = learning_rate;
  scalars.grad_scale = grad_scale;
  scalars.adam_step_size = learning_rate / one_minus_power(hp.beta1, t);
  scalars.inv_sqrt_bias_correction2 = inverseSqrt(one_minus_power(hp.beta2, t));
}

@compute @workgroup_size(1)
fn begin_step() {
  start_step(1.0);
}

// Sums the partial norms and starts the step with grad_scale = min(1, max_grad_norm / ‖g‖₂).
@compute @workgroup_size(NORM_WORKGROUP_SIZE)
fn begin_clipped_step(@builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  for (var j = lid; j < hp.norm_partials; j += NORM_WORKGROUP_SIZE) { sum += partials[j]; }
  let norm = sqrt(workgroup_sum(sum, lid));
  let clips = hp.max_grad_norm > 0.0 && norm > hp.max_grad_norm;
  if (lid == 0u) { start_step(select(1.0, hp.max_grad_norm / norm, clips)); }
}

// p ← p − lr·(g + wd·p), with g clipped
@compute @workgroup_size(WORKGROUP_SIZE)
fn sgd_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = flat_index(gid, groups);
  if (i >= hp.length) { return; }
  let p = params[i];
  params[i] = p - scalars.learning_rate * (grads[i] * scalars.grad_scale + hp.weight_decay * p);
}

// v ← μ·v + (g + wd·p); p ← p − lr·v, or with Nesterov p ← p − lr·(g + wd·p + μ·v)   (PyTorch convention)
@compute @workgroup_size(WORKGROUP_SIZE)
fn momentum_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = flat_index(gid, groups);
  if (i >= hp.length) { return; }
  let p = params[i];
  let decayed = grads[i] * scalars.grad_scale + hp.weight_decay * p;
  let v = hp.momentum * velocity[i] + decayed;
  velocity[i] = v;
  params[i] = p - scalars.learning_rate * select(v, decayed + hp.momentum * v, NESTEROV);
}

// m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)  (PyTorch)
// Adam's weight decay is L2 (g += wd·p); AdamW's is decoupled (p ← p·(1 − lr·wd) before the step).
@compute @workgroup_size(WORKGROUP_SIZE)
fn adam_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = flat_index(gid, groups);
  if (i >= hp.length) { return; }
  let p = params[i];
  let clipped = grads[i] * scalars.grad_scale;
  let g = select(clipped + hp.weight_decay * p, clipped, DECOUPLED_WEIGHT_DECAY);
  let decayed_p = select(p, p * (1.0 - scalars.learning_rate * hp.weight_decay), DECOUPLED_WEIGHT_DECAY);
  let m = hp.beta1 * first_moment[i] + (1.0 - hp.beta1) * g;
  let v = hp.beta2 * second_moment[i] + (1.0 - hp.beta2) * g * g;
  first_moment[i] = m;
  second_moment[i] = v;
  params[i] = decayed_p - scalars.adam_step_size * m / (sqrt(v) * scalars.inv_sqrt_bias_correction2 + hp.epsilon);
}
