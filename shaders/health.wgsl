// Training-health statistics: per-unit activation sums and liveness over a window's rows, and per-layer tensor norms.

struct UnitParams {
  rows: u32,  // rows of this step's batch
  units: u32, // the layer's output units
}

struct NormParams {
  segments: u32, // layers with parameters
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> unit_params: UnitParams;
@group(0) @binding(1) var<storage, read> z: array<f32>;                 // Z: [rows, units], the pre-activation
@group(0) @binding(2) var<storage, read> y: array<f32>;                 // Y: [rows, units], the output
@group(0) @binding(3) var<storage, read_write> unit_sums: array<f32>;   // [units, 2]: Σ y, Σ y², added to over the window
@group(0) @binding(4) var<storage, read_write> unit_alive: array<u32>;  // [units]: 1 once some row had z > 0


// One invocation per unit walks the batch's rows: neighbouring invocations read neighbouring words of each row.
@compute @workgroup_size(WORKGROUP_SIZE)
fn unit_stats_accumulate(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let unit = invocation_index(gid, groups);
  let units = unit_params.units;
  if (unit >= units) { return; }
  var sum = 0.0;
  var squares = 0.0;
  var alive = unit_alive[unit];
  for (var row = 0u; row < unit_params.rows; row++) {
    let i = row * units + unit;
    let value = y[i];
    sum += value;
    squares += value * value;
    alive = select(alive, 1u, z[i] > 0.0);
  }
  unit_sums[2u * unit] += sum;
  unit_sums[2u * unit + 1u] += squares;
  unit_alive[unit] = alive;
}

@group(0) @binding(0) var<uniform> norm_params: NormParams;
@group(0) @binding(1) var<storage, read> segments: array<vec2u>;        // [segments]: (float offset, length) of each layer's tensors
@group(0) @binding(2) var<storage, read> weights: array<f32>;           // the flat parameters after the step
@group(0) @binding(3) var<storage, read> gradients: array<f32>;         // the flat gradients of the step
@group(0) @binding(4) var<storage, read> previous: array<f32>;          // the flat parameters before the step's update
@group(0) @binding(5) var<storage, read_write> norms: array<f32>;       // [segments, 3]: Σ w², Σ g², Σ (w − w_before)²

var<workgroup> partial: array<vec3f, WORKGROUP_SIZE>;

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
  workgroupBarrier();
  for (var width = WORKGROUP_SIZE / 2u; width > 0u; width /= 2u) {
    if (local < width) { partial[local] += partial[local + width]; }
    workgroupBarrier();
  }
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
