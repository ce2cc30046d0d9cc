// Evaluation counts: argmax per row, its softmax probability, correct predictions and a [true][predicted] confusion matrix,
// accumulated over dispatches; and the one-hot of each row's argmax (the dLogits of a saliency map).

struct Params {
  rows: u32,
  first_row: u32, // metrics_accumulate: where this dispatch's rows start in predictions and confidence
}

// Added to by every dispatch (e.g. one per test-set chunk); the caller zeroes it before an evaluation.
struct EvaluationCounts {
  correct: atomic<u32>,
  confusion: array<atomic<u32>>, // [CLASSES (true label), CLASSES (predicted)]
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;           // [rows, CLASSES]
@group(0) @binding(2) var<storage, read> labels: array<u32>;           // [rows]; a label ≥ CLASSES marks a row that is not counted
@group(0) @binding(3) var<storage, read_write> predictions: array<u32>; // [first_row + rows]
@group(0) @binding(4) var<storage, read_write> confidence: array<f32>;  // [first_row + rows]: softmax probability of the prediction
@group(0) @binding(5) var<storage, read_write> counts: EvaluationCounts;
@group(0) @binding(6) var<storage, read_write> one_hot: array<f32>;     // one_hot_argmax only: [rows, CLASSES]

override WORKGROUP_SIZE: u32 = 64u;
override CLASSES: u32 = 10u;               // 1..64
override BINS: u32 = CLASSES * CLASSES; // u32 of workgroup memory each: 16 KiB at 64 classes, the WebGPU default limit

var<workgroup> local_confusion: array<atomic<u32>, BINS>; // this workgroup's rows, zero at start

/** Index of the largest logit of a row; ties go to the lowest index. */
fn argmax_row(base: u32) -> u32 {
  var top = logits[base];
  var top_class = 0u;
  for (var c = 1u; c < CLASSES; c++) {
    let x = logits[base + c];
    if (x > top) { top = x; top_class = c; }
  }
  return top_class;
}

/** softmax(row)[top_class] = 1 / Σ_c exp(x_c − x_top): every term ≤ 1, so nothing overflows. */
fn top_probability(base: u32, top_class: u32) -> f32 {
  let top = logits[base + top_class];
  var sum = 0.0;
  for (var c = 0u; c < CLASSES; c++) { sum += exp(logits[base + c] - top); }
  return 1.0 / sum;
}

fn row_of(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * WORKGROUP_SIZE;
}

// One invocation per row counts into workgroup memory; then each non-empty bin is added once to the global counts.
@compute @workgroup_size(WORKGROUP_SIZE)
fn metrics_accumulate(
  @builtin(global_invocation_id) gid: vec3u,
  @builtin(local_invocation_index) lid: u32,
  @builtin(num_workgroups) groups: vec3u,
) {
  let row = row_of(gid, groups);
  if (row < params.rows) {
    let predicted = argmax_row(row * CLASSES);
    predictions[params.first_row + row] = predicted;
    confidence[params.first_row + row] = top_probability(row * CLASSES, predicted);
    let label = labels[row];
    if (label < CLASSES) { atomicAdd(&local_confusion[label * CLASSES + predicted], 1u); }
  }
  workgroupBarrier();
  for (var bin = lid; bin < BINS; bin += WORKGROUP_SIZE) {
    let hits = atomicLoad(&local_confusion[bin]);
    if (hits == 0u) { continue; }
    atomicAdd(&counts.confusion[bin], hits);
    if (bin % (CLASSES + 1u) == 0u) { atomicAdd(&counts.correct, hits); } // the diagonal: label = predicted
  }
}

// One invocation per row: 1 at the row's argmax, 0 elsewhere. Backpropagated, it gives ∂(predicted logit)/∂ input.
@compute @workgroup_size(WORKGROUP_SIZE)
fn one_hot_argmax(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let predicted = argmax_row(row * CLASSES);
  for (var c = 0u; c < CLASSES; c++) { one_hot[row * CLASSES + c] = select(0.0, 1.0, c == predicted); }
}
