// Fused softmax + cross-entropy: per-row loss by log-sum-exp, dLogits of the mean loss, and loss/correct/non-finite accumulators.

struct Params {
  batch: u32, // rows; dLogits is the gradient of (Σ loss) / batch
}

// Added to by every dispatch; the caller zeroes it (clearBuffer) when a new accumulation starts.
struct Accumulators {
  loss_sum_bits: atomic<u32>,  // f32 bits of Σ loss; a quiet NaN (sticky) once any row had a non-finite logit
  correct: atomic<u32>,        // rows whose argmax (ties → lowest index) equals the label
  nonfinite_rows: atomic<u32>, // rows with a NaN or ±Inf logit, detected by bit pattern
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;         // [batch, CLASSES]
@group(0) @binding(2) var<storage, read> labels: array<u32>;         // [batch]; a label ≥ CLASSES marks an ignored row
@group(0) @binding(3) var<storage, read_write> d_logits: array<f32>; // [batch, CLASSES]
@group(0) @binding(4) var<storage, read_write> accumulators: Accumulators;

override WORKGROUP_SIZE: u32 = 64u; // a power of two (tree reduction)
override CLASSES: u32 = 10u;         // 1..64

const EXPONENT_BITS: u32 = 0x7f800000u;
const QUIET_NAN_BITS: u32 = 0x7fc00000u;

struct RowResult {
  loss: f32,
  correct: u32,
  nonfinite: u32,
}

var<workgroup> loss_partial: array<f32, WORKGROUP_SIZE>;
var<workgroup> count_partial: array<vec2u, WORKGROUP_SIZE>; // (correct, non-finite) rows

/** NaN and ±Inf have every exponent bit set; tested on bits because some devices bend IEEE comparisons. */
fn is_finite_bits(x: f32) -> bool {
  return (bitcast<u32>(x) & EXPONENT_BITS) != EXPONENT_BITS;
}

fn zero_row(base: u32) {
  for (var c = 0u; c < CLASSES; c++) { d_logits[base + c] = 0.0; }
}

// loss = log Σ_c exp(x_c) − x_label = (top − x_label) + log Σ_c exp(x_c − top), with top = max_c x_c;
// ∂loss/∂x_c = softmax_c − [c = label], scaled by 1 / batch for the mean loss.
// A row with a non-finite logit or an ignored label gets zero loss and zero gradient.
fn softmax_ce_row(row: u32) -> RowResult {
  let base = row * CLASSES;
  let label = labels[row];
  var top = logits[base];
  var top_class = 0u;
  var finite = is_finite_bits(top);
  for (var c = 1u; c < CLASSES; c++) {
    let x = logits[base + c];
    finite = finite && is_finite_bits(x);
    if (x > top) { top = x; top_class = c; }
  }
  if (!finite || label >= CLASSES) {
    zero_row(base);
    return RowResult(0.0, 0u, select(0u, 1u, !finite));
  }
  var sum_exp = 0.0;
  for (var c = 0u; c < CLASSES; c++) { sum_exp += exp(logits[base + c] - top); }
  let grad_scale = 1.0 / (sum_exp * f32(params.batch));
  let onehot_scale = 1.0 / f32(params.batch);
  for (var c = 0u; c < CLASSES; c++) {
    let softmax_scaled = exp(logits[base + c] - top) * grad_scale;
    d_logits[base + c] = softmax_scaled - select(0.0, onehot_scale, c == label);
  }
  let loss = (top - logits[base + label]) + log(sum_exp);
  return RowResult(loss, select(0u, 1u, top_class == label), 0u);
}

// Adds `value` to the f32 held as bits in loss_sum_bits (compare-exchange loop); the sum turns into a quiet NaN,
// and stays one, when a row was non-finite or the sum is no longer finite.
fn add_to_loss_sum(value: f32, poisoned: bool) {
  var old = atomicLoad(&accumulators.loss_sum_bits);
  loop {
    let sum = bitcast<f32>(old) + value;
    let nonfinite = poisoned || !is_finite_bits(bitcast<f32>(old)) || !is_finite_bits(sum);
    let result = atomicCompareExchangeWeak(&accumulators.loss_sum_bits, old, select(bitcast<u32>(sum), QUIET_NAN_BITS, nonfinite));
    if (result.exchanged) { break; }
    old = result.old_value;
  }
}

// A single workgroup walks the rows in a fixed order and tree-reduces them, then adds once to the accumulators:
// the loss sum is bit-for-bit reproducible whatever the batch size (several workgroups would add in racing order).
@compute @workgroup_size(WORKGROUP_SIZE)
fn softmax_ce_loss_and_grad(@builtin(local_invocation_index) lid: u32) {
  var loss = 0.0;
  var counts = vec2u(0u);
  for (var row = lid; row < params.batch; row += WORKGROUP_SIZE) {
    let result = softmax_ce_row(row);
    loss += result.loss;
    counts += vec2u(result.correct, result.nonfinite);
  }
  loss_partial[lid] = loss;
  count_partial[lid] = counts;
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride >>= 1u) {
    workgroupBarrier();
    if (lid < stride) {
      loss_partial[lid] += loss_partial[lid + stride];
      count_partial[lid] += count_partial[lid + stride];
    }
  }
  if (lid == 0u) {
    let total = count_partial[0];
    if (total.x > 0u) { atomicAdd(&accumulators.correct, total.x); }
    if (total.y > 0u) { atomicAdd(&accumulators.nonfinite_rows, total.y); }
    if (loss_partial[0] != 0.0 || total.y > 0u) { add_to_loss_sum(loss_partial[0], total.y > 0u); }
  }
}
