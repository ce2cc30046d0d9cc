// Evaluation counts: argmax per row, correct predictions and a [true][predicted] confusion matrix, accumulated over dispatches.

struct Params {
  rows: u32,
}

// Added to by every dispatch (e.g. one per test-set chunk); the caller zeroes it before an evaluation.
struct EvaluationCounts {
  correct: atomic<u32>,
  confusion: array<atomic<u32>>, // [CLASSES (true label), CLASSES (predicted)]
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;           // [rows, CLASSES]
@group(0) @binding(2) var<storage, read> labels: array<u32>;           // [rows]; a label ≥ CLASSES marks a row that is not counted
@group(0) @binding(3) var<storage, read_write> predictions: array<u32>; // [rows]
@group(0) @binding(4) var<storage, read_write> counts: EvaluationCounts;

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

// One invocation per row counts into workgroup memory; then each non-empty bin is added once to the global counts.
@compute @workgroup_size(WORKGROUP_SIZE)
fn metrics_accumulate(
  @builtin(global_invocation_id) gid: vec3u,
  @builtin(local_invocation_index) lid: u32,
  @builtin(num_workgroups) groups: vec3u,
) {
  let row = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (row < params.rows) {
    let predicted = argmax_row(row * CLASSES);
    predictions[row] = predicted;
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
