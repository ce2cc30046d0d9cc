// Training-health statistics: per-channel activation sums and liveness over a window's rows, and per-layer tensor norms.

struct ChannelParams {
  rows: u32,     // rows of this step's batch
  channels: u32, // the layer's output channels: an image's channels, or the units of a flat output
  plane: u32,    // values of a channel in one row: height × width of an image, 1 for a flat output
}

struct NormParams {
  segments: u32, // layers with parameters
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> channel_params: ChannelParams;
// A ReLU-family output is positive exactly where its pre-activation is (ReLU, leaky ReLU, GELU = z·Φ(z)): liveness
// reads Y alone.
@group(0) @binding(1) var<storage, read> y: array<f32>;                 // Y: [rows, channels, plane], the output
@group(0) @binding(2) var<storage, read_write> unit_sums: array<f32>;   // [2, channels]: Σ y, then Σ y², added to over the window
@group(0) @binding(3) var<storage, read_write> unit_alive: array<u32>;  // [channels]: 1 once some value had y > 0

var<workgroup> partial: array<vec3f, WORKGROUP_SIZE>;

/** Adds up the workgroup's partial sums: the total is left in partial[0]. */
fn reduce_partials(local: u32) {
  workgroupBarrier();
  for (var width = WORKGROUP_SIZE / 2u; width > 0u; width /= 2u) {
    if (local < width) { partial[local] += partial[local + width]; }
    workgroupBarrier();
  }
}

// One workgroup per channel: strided over the batch's rows × plane, then a tree reduction. The (row, position) of each
// stride is carried along, not divided out, as integer division is slow on CPU adapters.
@compute @workgroup_size(WORKGROUP_SIZE)
fn channel_stats_accumulate(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) local: u32) {
  let channel = group.x;
  let p = channel_params;
  if (channel >= p.channels) { return; }
  let rows_per_stride = WORKGROUP_SIZE / p.plane;
  let positions_per_stride = WORKGROUP_SIZE % p.plane;
  var row = local / p.plane;
  var position = local % p.plane;
  var sums = vec3f(0.0); // Σ y, Σ y², values with y > 0
  while (row < p.rows) {
    let at = (row * p.channels + channel) * p.plane + position;
    let value = y[at];
    sums += vec3f(value, value * value, select(0.0, 1.0, value > 0.0));
    position += positions_per_stride;
    row += rows_per_stride;
    if (position >= p.plane) {
      position -= p.plane;
      row += 1u;
    }
  }
  partial[local] = sums;
  reduce_partials(local);
  if (local == 0u) {
    unit_sums[channel] += partial[0].x;
    unit_sums[p.channels + channel] += partial[0].y;
    unit_alive[channel] = select(unit_alive[channel], 1u, partial[0].z > 0.0);
  }
}

@group(0) @binding(0) var<uniform> norm_params: NormParams;
@group(0) @binding(1) var<storage, read> segments: array<vec2u>;        // [segments]: (float offset, length) of each layer's tensors
@group(0) @binding(2) var<storage, read> weights: array<f32>;           // the flat parameters after the step
@group(0) @binding(3) var<storage, read> gradients: array<f32>;         // the flat gradients of the step
@group(0) @binding(4) var<storage, read> previous: array<f32>;          // the flat parameters before the step's update
@group(0) @binding(5) var<storage, read_write> norms: array<f32>;       // [segments, 3]: Σ w², Σ g², Σ (w − w_before)²

// One workgroup per layer: strided partial sums, then a tree reduction in workgroup memory.
@compute @workgroup_size(WORKGROUP_SIZE)
fn tensor_norms(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) local: u32) {
  let segment = group.x;
  if (segment >= norm_params.segments) { return; }
  let range = segments[segment];
  var sums = vec3f(0.0);
  for (var i = range.x + local; i < range.x + range.y; i += WORKGROUP_SIZE) {
    let w = weights[i];
    let g = gradients[i];
    let update = w - previous[i];
    sums += vec3f(w * w, g * g, update * update);
  }
  partial[local] = sums;
  reduce_partials(local);
  if (local == 0u) {
    norms[3u * segment] = partial[0].x;
    norms[3u * segment + 1u] = partial[0].y;
    norms[3u * segment + 2u] = partial[0].z;
  }
}

struct CopyParams {
  length: u32, // floats to copy
}

@group(0) @binding(0) var<uniform> copy_params: CopyParams;
@group(0) @binding(1) var<storage, read> copy_source: array<f32>;
@group(0) @binding(2) var<storage, read_write> copy_target: array<f32>;

// The parameters before an update, copied inside the compute pass (the norms of Δw compare against them).
@compute @workgroup_size(WORKGROUP_SIZE)
fn snapshot_copy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = invocation_index(gid, groups);
  if (i >= copy_params.length) { return; }
  copy_target[i] = copy_source[i];
}
