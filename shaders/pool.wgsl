// Max pooling of channel-major images: forward keeping each output's winning input, backward handing dY to the winners
// (optionally through the activation of the layer before). Needs shaders/activations.wgsl included before it.
//
// Layouts, row-major: X, dX [batch, C, H, W]; Y, dY, winners [batch, C, outH, outW]; a winner is y·W + x in its plane.

struct PoolParams {
  planes: u32, // batch · C
  height: u32, // H
  width: u32, // W
  out_height: u32,
  out_width: u32,
  stride: u32,
}

override WORKGROUP_SIZE: u32 = 64u;
/** The window is SIZE × SIZE: fixed per pipeline, so its loops unroll. */
override SIZE: u32 = 2u;
/** Backward: times act'(Z) of the layer before, which then takes it as its dZ. */
override FUSED_DERIVATIVE: bool = false;

@group(0) @binding(0) var<uniform> params: PoolParams;


/** Output `o` of the flat [planes, outH, outW]: where its input plane starts, and its row and column. */
struct OutputAt { plane_start: u32, y: u32, x: u32 }

fn output_at(o: u32) -> OutputAt {
  let p = params;
  let out_plane = p.out_height * p.out_width;
  return OutputAt((o / out_plane) * p.height * p.width, (o % out_plane) / p.out_width, (o % out_plane) % p.out_width);
}

@group(0) @binding(1) var<storage, read> forward_x: array<f32>;
@group(0) @binding(2) var<storage, read_write> forward_y: array<f32>;
@group(0) @binding(3) var<storage, read_write> forward_winners: array<u32>;

// Y = the largest X in each window; the first largest in row-major order wins a tie (NaN only wins from the first place).
@compute @workgroup_size(WORKGROUP_SIZE)
fn pool_max_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let i = invocation_index(gid, groups);
  if (i >= p.planes * p.out_height * p.out_width) { return; }
  let at = output_at(i);
  let plane_start = at.plane_start;
  let corner = at.y * p.stride * p.width + at.x * p.stride;
  var winner = corner;
  var best = forward_x[plane_start + corner];
  for (var dy = 0u; dy < SIZE; dy++) {
    for (var dx = 0u; dx < SIZE; dx++) {
      let at = corner + dy * p.width + dx;
      let value = forward_x[plane_start + at];
      if (value > best) {
        best = value;
        winner = at;
      }
    }
  }
  forward_y[i] = best;
  forward_winners[i] = winner;
}

@group(0) @binding(1) var<storage, read> backward_dy: array<f32>;
@group(0) @binding(2) var<storage, read> backward_winners: array<u32>;
@group(0) @binding(3) var<storage, read> backward_z_before: array<f32>; // Z of the layer before (FUSED_DERIVATIVE)
@group(0) @binding(4) var<storage, read_write> backward_dx: array<f32>;

// Y[o] = X[winner[o]] ⇒ dX[i] = Σ dY[o] over the outputs o that input i won (0 for an input no window chose).
// One invocation per input, gathering from the outputs whose windows cover it: no two invocations write one value
// (for overlapping windows; pool_max_backward_tiles does the usual stride = size with a quarter of the invocations).
@compute @workgroup_size(WORKGROUP_SIZE)
fn pool_max_backward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let plane = p.height * p.width;
  let i = invocation_index(gid, groups);
  if (i >= p.planes * plane) { return; }
  let at = i % plane;
  let y = at / p.width;
  let x = at % p.width;
  let out_start = (i / plane) * p.out_height * p.out_width;
  // Windows oy·s .. oy·s + SIZE − 1 that hold y: oy from ⌈(y + 1 − SIZE) / s⌉ to ⌊y / s⌋, inside the output.
  let first_y = select(0u, (y + 1u - SIZE + p.stride - 1u) / p.stride, y + 1u >= SIZE);
  let first_x = select(0u, (x + 1u - SIZE + p.stride - 1u) / p.stride, x + 1u >= SIZE);
  let last_y = min(y / p.stride, p.out_height - 1u);
  let last_x = min(x / p.stride, p.out_width - 1u);
  var sum = 0.0;
  for (var oy = first_y; oy <= last_y; oy++) {
    for (var ox = first_x; ox <= last_x; ox++) {
      let o = out_start + oy * p.out_width + ox;
      if (backward_winners[o] == at) { sum += backward_dy[o]; }
    }
  }
  if (FUSED_DERIVATIVE) { sum *= activation_derivative(backward_z_before[i]); }
  backward_dx[i] = sum;
}

// Windows that do not overlap (stride = SIZE): one invocation per output writes its whole window, dY to the winner and 0
// elsewhere; the last row and column of windows also zero the inputs after them, which floor mode leaves out.
@compute @workgroup_size(WORKGROUP_SIZE)
fn pool_max_backward_tiles(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let o = invocation_index(gid, groups);
  if (o >= p.planes * p.out_height * p.out_width) { return; }
  let at = output_at(o);
  let plane_start = at.plane_start;
  let oy = at.y;
  let ox = at.x;
  let top = oy * SIZE;
  let left = ox * SIZE;
  let bottom = select(top + SIZE, p.height, oy + 1u == p.out_height);
  let right = select(left + SIZE, p.width, ox + 1u == p.out_width);
  let winner = backward_winners[o];
  var gradient = 0.0 + backward_dy[o];
  if (FUSED_DERIVATIVE) { gradient *= activation_derivative(backward_z_before[plane_start + winner]); }
  for (var y = top; y < bottom; y++) {
    for (var x = left; x < right; x++) {
      let at = y * p.width + x;
      backward_dx[plane_start + at] = select(0.0, gradient, at == winner);
    }
  }
}
