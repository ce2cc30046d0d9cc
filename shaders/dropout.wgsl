// Dropout with a counter-based mask: Y = X ⊙ mask / (1 − rate); the same op on dY gives dX = dY ⊙ mask / (1 − rate).

struct Params {
  length: u32,    // elements of the flat [batch, features] input
  seed: u32,
  threshold: u32, // element i is kept iff its hash ≥ threshold = min(floor(rate · 2³²), 2³² − 1)
  scale: f32,     // 1 / (1 − rate)
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> step_counter: u32;          // optimizer steps completed = this step's 0-based index
@group(0) @binding(2) var<storage, read> input: array<f32>;          // [length]: X forward, dY backward
@group(0) @binding(3) var<storage, read_write> output: array<f32>;   // [length]: Y forward, dX backward

override WORKGROUP_SIZE: u32 = 64u;

/** Chris Wellons' lowbias32 integer hash. */
fn lowbias32(value: u32) -> u32 {
  var x = value;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

// ∂Y_i/∂X_i = mask_i / (1 − rate): forward and backward are this one entry point, bound to (X, Y) or (dY, dX).
// The mask hashes (seed, step, i), so the backward pass of a step recomputes the forward pass's mask.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dropout_apply(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.length) { return; }
  let stream_key = lowbias32(step_counter ^ lowbias32(params.seed));
  let keep = lowbias32(i ^ stream_key) >= params.threshold;
  output[i] = select(0.0, input[i] * params.scale, keep);
}
