// 2-D convolution of channel-major images as implicit GEMM (patches gathered on the fly, never stored): forward with
// fused bias + activation, the input gradient (optionally through the activation of the layer before), and the
// weight and bias gradients as partial sums over chunks of samples, then their reduction.
// Needs shaders/activations.wgsl included before it (activate, activation_derivative).
//
// Layouts, all row-major: X, dX [batch, C, H, W]; W [C, k, k, F] (row (c·k + ky)·k + kx of a [C·k·k, F] matrix);
// b [F]; Z, Y, dZ [batch, F, outH, outW].
// Each invocation accumulates ROW_TILES strips of 4 rows × 16 columns in registers, like the matmul's vec4 path:
// forward rows are filters and columns output positions; input gradient rows are channels and columns input
// positions; weight gradient rows are rows of W (and a last one for b) and columns filters.

struct ConvParams {
  batch: u32,
  channels: u32, // C
  height: u32, // H
  width: u32, // W
  filters: u32, // F
  out_height: u32,
  out_width: u32,
  kernel: u32, // k
  stride: u32,
  pad: u32, // zero rows (and columns) before the image; those after follow from the sizes
  chunk_samples: u32, // weight gradient: samples per partial sum
  chunks: u32, // weight gradient: partial sums
}

override WORKGROUP_SIZE: u32 = 64u;
/** Strips of 4 rows per invocation, 1 to 4: several for CPUs (fewer loads per multiply-add), one for GPUs (more threads). */
override ROW_TILES: u32 = 1u;
/** Some forward or weight-gradient taps fall in the zero padding, so their reads are bounds-checked ('same'). */
override PADDED: bool = true;
/** Input gradient: times act'(Z) of the layer before, which then takes it as its dZ. */
override FUSED_DERIVATIVE: bool = false;

@group(0) @binding(0) var<uniform> params: ConvParams;


const QUAD = vec4<u32>(0u, 1u, 2u, 3u);

/** 4 rows × 16 columns: tile t holds columns 4t .. 4t + 3, one column of the matrix per tile column. */
struct Strip { t0: mat4x4<f32>, t1: mat4x4<f32>, t2: mat4x4<f32>, t3: mat4x4<f32> }
/** One value per column of a strip. */
struct Columns { a: vec4<f32>, b: vec4<f32>, c: vec4<f32>, d: vec4<f32> }
/** An index or coordinate per column of a strip. */
struct ColumnIndices { a: vec4<i32>, b: vec4<i32>, c: vec4<i32>, d: vec4<i32> }
struct ColumnMask { a: vec4<bool>, b: vec4<bool>, c: vec4<bool>, d: vec4<bool> }

/** acc + rows ⊗ cols: column j of each tile gains rows · cols[j]. */
fn outer(acc: mat4x4<f32>, rows: vec4<f32>, cols: vec4<f32>) -> mat4x4<f32> {
  return acc + mat4x4<f32>(rows * cols.x, rows * cols.y, rows * cols.z, rows * cols.w);
}

fn strip_update(acc: Strip, rows: vec4<f32>, cols: Columns) -> Strip {
  return Strip(outer(acc.t0, rows, cols.a), outer(acc.t1, rows, cols.b), outer(acc.t2, rows, cols.c), outer(acc.t3, rows, cols.d));
}

/** Sample, row and column of 16 consecutive positions in a batch of images, and which exist (the rest repeat the last sample). */
struct Coordinates { sample: ColumnIndices, y: ColumnIndices, x: ColumnIndices, exists: ColumnMask }

/** The position after `at` (sample, row, column) in images of height × width. */
fn next_position(at: vec3<u32>, height: u32, width: u32) -> vec3<u32> {
  var next = at + vec3<u32>(0u, 0u, 1u);
  next = select(next, vec3<u32>(next.x, next.y + 1u, 0u), next.z == width);
  return select(next, vec3<u32>(next.x + 1u, 0u, 0u), next.y == height);
}

/** Four positions from `at`, as vec4 of samples, rows and columns, and the position after them. */
struct FourPositions { sample: vec4<u32>, y: vec4<u32>, x: vec4<u32>, next: vec3<u32> }

fn four_positions(at: vec3<u32>, height: u32, width: u32) -> FourPositions {
  let p1 = next_position(at, height, width);
  let p2 = next_position(p1, height, width);
  let p3 = next_position(p2, height, width);
  return FourPositions(vec4<u32>(at.x, p1.x, p2.x, p3.x), vec4<u32>(at.y, p1.y, p2.y, p3.y), vec4<u32>(at.z, p1.z, p2.z, p3.z), next_position(p3, height, width));
}

/**
 * Positions first .. first + 15 of `batch` images of height × width, stepped one from the next: the integer divisions
 * of the first are the only ones (on CPUs they cost more than the whole tile's multiply-adds of a small kernel).
 */
fn coordinates(first: u32, batch: u32, height: u32, width: u32) -> Coordinates {
  let plane = height * width;
  let start = vec3<u32>(first / plane, (first % plane) / width, first % width);
  let a = four_positions(start, height, width);
  let b = four_positions(a.next, height, width);
  let c = four_positions(b.next, height, width);
  let d = four_positions(c.next, height, width);
  let last = vec4<u32>(batch - 1u);
  return Coordinates(
    ColumnIndices(vec4<i32>(min(a.sample, last)), vec4<i32>(min(b.sample, last)), vec4<i32>(min(c.sample, last)), vec4<i32>(min(d.sample, last))),
    ColumnIndices(vec4<i32>(a.y), vec4<i32>(b.y), vec4<i32>(c.y), vec4<i32>(d.y)),
    ColumnIndices(vec4<i32>(a.x), vec4<i32>(b.x), vec4<i32>(c.x), vec4<i32>(d.x)),
    ColumnMask(a.sample < vec4<u32>(batch), b.sample < vec4<u32>(batch), c.sample < vec4<u32>(batch), d.sample < vec4<u32>(batch)));
}

/** a·v + b per column (v, b: ColumnIndices; a: a scalar). */
fn scaled(v: ColumnIndices, a: i32, b: ColumnIndices) -> ColumnIndices {
  let s = vec4<i32>(a);
  return ColumnIndices(v.a * s + b.a, v.b * s + b.b, v.c * s + b.c, v.d * s + b.d);
}

/** v where the column exists, −1 elsewhere (store offsets: −1 is not stored). */
fn where_exists(v: ColumnIndices, exists: ColumnMask) -> ColumnIndices {
  let none = vec4<i32>(-1);
  return ColumnIndices(select(none, v.a, exists.a), select(none, v.b, exists.b), select(none, v.c, exists.c), select(none, v.d, exists.d));
}

fn shifted(v: ColumnIndices, by: i32) -> ColumnIndices {
  let d = vec4<i32>(by);
  return ColumnIndices(v.a + d, v.b + d, v.c + d, v.d + d);
}

/** Whether 0 ≤ y < rows and 0 ≤ x < cols, per column. */
fn inside(y: ColumnIndices, x: ColumnIndices, rows: u32, cols: u32) -> ColumnMask {
  let r = vec4<u32>(rows);
  let c = vec4<u32>(cols);
  return ColumnMask(
    (vec4<u32>(y.a) < r) & (vec4<u32>(x.a) < c), (vec4<u32>(y.b) < r) & (vec4<u32>(x.b) < c),
    (vec4<u32>(y.c) < r) & (vec4<u32>(x.c) < c), (vec4<u32>(y.d) < r) & (vec4<u32>(x.d) < c));
}

const EVERY_COLUMN = ColumnMask(vec4<bool>(true), vec4<bool>(true), vec4<bool>(true), vec4<bool>(true));

/** Column i (0..15) of a strip: its sums for the strip's 4 rows, and where its first row is stored (−1: not stored). */
struct StripColumn { sums: vec4<f32>, offset: i32 }

fn strip_column(strip: Strip, offsets: ColumnIndices, i: u32) -> StripColumn {
  let tiles = array<mat4x4<f32>, 4>(strip.t0, strip.t1, strip.t2, strip.t3);
  let at = array<vec4<i32>, 4>(offsets.a, offsets.b, offsets.c, offsets.d);
  return StripColumn(tiles[i / 4u][i % 4u], at[i / 4u][i % 4u]);
}

// ---- forward: Z = conv(X, W) + b, Y = act(Z); rows are filters, columns output positions of all samples ----

@group(0) @binding(1) var<storage, read> forward_x: array<f32>;
@group(0) @binding(2) var<storage, read> forward_w: array<f32>;
@group(0) @binding(3) var<storage, read> forward_bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> forward_z: array<f32>;
@group(0) @binding(5) var<storage, read_write> forward_y: array<f32>;

/** W[row, f .. f + 3], filters past F repeating the last (never stored). */
fn forward_weights(row: u32, f: u32) -> vec4<f32> {
  let i = min(vec4<u32>(f) + QUAD, vec4<u32>(params.filters - 1u)) + vec4<u32>(row * params.filters);
  return vec4<f32>(forward_w[i.x], forward_w[i.y], forward_w[i.z], forward_w[i.w]);
}

fn forward_input(index: vec4<i32>, valid: vec4<bool>) -> vec4<f32> {
  let i = vec4<u32>(select(vec4<i32>(0), index, valid));
  return select(vec4<f32>(0.0), vec4<f32>(forward_x[i.x], forward_x[i.y], forward_x[i.z], forward_x[i.w]), valid);
}

/** X at each column's index where valid, else 0 (the padding). */
fn forward_inputs(index: ColumnIndices, valid: ColumnMask) -> Columns {
  return Columns(forward_input(index.a, valid.a), forward_input(index.b, valid.b), forward_input(index.c, valid.c), forward_input(index.d, valid.d));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn conv_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let plane = p.height * p.width;
  let out_plane = p.out_height * p.out_width;
  let positions = p.batch * out_plane;
  let column_blocks = (positions + 15u) / 16u;
  let block = invocation_index(gid, groups);
  let f0 = (block / column_blocks) * 4u * ROW_TILES;
  let q0 = (block % column_blocks) * 16u;
  if (f0 >= p.filters) { return; }
  // Per column: the top-left tap of its window in the padded image, where that tap is in X, and where Z and Y go.
  let at = coordinates(q0, p.batch, p.out_height, p.out_width);
  let pad = ColumnIndices(vec4<i32>(-i32(p.pad)), vec4<i32>(-i32(p.pad)), vec4<i32>(-i32(p.pad)), vec4<i32>(-i32(p.pad)));
  let top = scaled(at.y, i32(p.stride), pad);
  let left = scaled(at.x, i32(p.stride), pad);
  let corner = scaled(at.sample, i32(p.channels * plane), scaled(top, i32(p.width), left));
  let out_at = where_exists(scaled(at.sample, i32(p.filters * out_plane), scaled(at.y, i32(p.out_width), at.x)), at.exists);
  var acc0: Strip;
  var acc1: Strip;
  var acc2: Strip;
  var acc3: Strip;
  // One loop over the rows of W, (c, ky, kx) stepped along: a small kernel has few channels, and nested loops cost.
  var ky = 0u;
  var kx = 0u;
  var offset = 0;
  let rows = p.channels * p.kernel * p.kernel;
  for (var row = 0u; row < rows; row++) {
    var valid = EVERY_COLUMN;
    if (PADDED) { valid = inside(shifted(top, i32(ky)), shifted(left, i32(kx)), p.height, p.width); }
    let x = forward_inputs(shifted(corner, offset), valid);
    acc0 = strip_update(acc0, forward_weights(row, f0), x);
    if (ROW_TILES > 1u) { acc1 = strip_update(acc1, forward_weights(row, f0 + 4u), x); }
    if (ROW_TILES > 2u) { acc2 = strip_update(acc2, forward_weights(row, f0 + 8u), x); }
    if (ROW_TILES > 3u) { acc3 = strip_update(acc3, forward_weights(row, f0 + 12u), x); }
    // Next tap: along the row, then down, then to the next channel's plane.
    kx += 1u;
    offset += 1;
    if (kx == p.kernel) {
      kx = 0u;
      ky += 1u;
      offset += i32(p.width - p.kernel);
      if (ky == p.kernel) {
        ky = 0u;
        offset += i32(plane - p.kernel * p.width);
      }
    }
  }
  forward_store(acc0, f0, out_at);
  if (ROW_TILES > 1u) { forward_store(acc1, f0 + 4u, out_at); }
  if (ROW_TILES > 2u) { forward_store(acc2, f0 + 8u, out_at); }
  if (ROW_TILES > 3u) { forward_store(acc3, f0 + 12u, out_at); }
}

/** Z and Y for filters f0 .. f0 + 3 at the strip's output positions (offsets of filter 0; −1: past the end). */
fn forward_store(strip: Strip, f0: u32, columns: ColumnIndices) {
  let out_plane = params.out_height * params.out_width;
  for (var i = 0u; i < 16u; i++) {
    let column = strip_column(strip, columns, i);
    for (var r = 0u; r < 4u && column.offset >= 0 && f0 + r < params.filters; r++) {
      let index = u32(column.offset) + (f0 + r) * out_plane;
      let z = column.sums[r] + forward_bias[f0 + r];
      forward_z[index] = z;
      forward_y[index] = activate(z);
    }
  }
}

// ---- input gradient: dX[b, c, y, x] = Σ_{ky, kx, f} W[c, ky, kx, f] · dZ[b, f, (y + pad − ky)/s, (x + pad − kx)/s] ----
// (over the taps where those divide exactly and land in the output); rows are channels, columns input positions.

@group(0) @binding(1) var<storage, read> input_grad_dz: array<f32>;
@group(0) @binding(2) var<storage, read> input_grad_w: array<f32>;
@group(0) @binding(3) var<storage, read> input_grad_z_before: array<f32>; // Z of the layer before (FUSED_DERIVATIVE)
@group(0) @binding(4) var<storage, read_write> input_grad_dx: array<f32>;

/** Where W[c .. c + 3, tap, 0] is for tap ky·k + kx, channels past C repeating the last (never stored). */
fn input_grad_weight_rows(c: u32, tap: u32) -> vec4<u32> {
  let k2 = params.kernel * params.kernel;
  return (min(vec4<u32>(c) + QUAD, vec4<u32>(params.channels - 1u)) * k2 + vec4<u32>(tap)) * params.filters;
}

/** W[c .. c + 3, tap, f], from input_grad_weight_rows. */
fn input_grad_weights(rows: vec4<u32>, f: u32) -> vec4<f32> {
  let i = rows + vec4<u32>(f);
  return vec4<f32>(input_grad_w[i.x], input_grad_w[i.y], input_grad_w[i.z], input_grad_w[i.w]);
}

fn input_grad_value(index: vec4<i32>, valid: vec4<bool>) -> vec4<f32> {
  let i = vec4<u32>(select(vec4<i32>(0), index, valid));
  return select(vec4<f32>(0.0), vec4<f32>(input_grad_dz[i.x], input_grad_dz[i.y], input_grad_dz[i.z], input_grad_dz[i.w]), valid);
}

fn input_grad_values(index: ColumnIndices, valid: ColumnMask) -> Columns {
  return Columns(input_grad_value(index.a, valid.a), input_grad_value(index.b, valid.b), input_grad_value(index.c, valid.c), input_grad_value(index.d, valid.d));
}

/** The output coordinate a tap of input coordinate `position + pad − tap` reaches along one axis, or −1 where none does. */
fn reached(position: vec4<i32>, tap: u32, outputs: u32) -> vec4<i32> {
  let t = position - vec4<i32>(i32(tap));
  let s = vec4<i32>(i32(params.stride));
  let ok = (t >= vec4<i32>(0)) & (t % s == vec4<i32>(0)) & (t / s < vec4<i32>(i32(outputs)));
  return select(vec4<i32>(-1), t / s, ok);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn conv_backward_input(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let plane = p.height * p.width;
  let out_plane = p.out_height * p.out_width;
  let column_blocks = (p.batch * plane + 15u) / 16u;
  let block = invocation_index(gid, groups);
  let c0 = (block / column_blocks) * 4u * ROW_TILES;
  let q0 = (block % column_blocks) * 16u;
  if (c0 >= p.channels) { return; }
  // Per column: its row and column in the padded image, where its sample starts in dZ, and where dX goes.
  let at = coordinates(q0, p.batch, p.height, p.width);
  let pad = vec4<i32>(i32(p.pad));
  let y = ColumnIndices(at.y.a + pad, at.y.b + pad, at.y.c + pad, at.y.d + pad);
  let x = ColumnIndices(at.x.a + pad, at.x.b + pad, at.x.c + pad, at.x.d + pad);
  let none = ColumnIndices(vec4<i32>(0), vec4<i32>(0), vec4<i32>(0), vec4<i32>(0));
  let dz_sample = scaled(at.sample, i32(p.filters * out_plane), none);
  let dx_at = where_exists(scaled(at.sample, i32(p.channels * plane), scaled(at.y, i32(p.width), at.x)), at.exists);
  var acc0: Strip;
  var acc1: Strip;
  var acc2: Strip;
  var acc3: Strip;
  // Taps outer (their reach into dZ found once), filters inner: one loop less than ky, kx, f (nested loops cost on CPUs).
  var ky = 0u;
  var kx = 0u;
  for (var tap = 0u; tap < p.kernel * p.kernel; tap++) {
    let oy = ColumnIndices(reached(y.a, ky, p.out_height), reached(y.b, ky, p.out_height), reached(y.c, ky, p.out_height), reached(y.d, ky, p.out_height));
    let ox = ColumnIndices(reached(x.a, kx, p.out_width), reached(x.b, kx, p.out_width), reached(x.c, kx, p.out_width), reached(x.d, kx, p.out_width));
    let zero = vec4<i32>(0);
    let valid = ColumnMask((oy.a >= zero) & (ox.a >= zero), (oy.b >= zero) & (ox.b >= zero), (oy.c >= zero) & (ox.c >= zero), (oy.d >= zero) & (ox.d >= zero));
    let tap_at = scaled(oy, i32(p.out_width), ColumnIndices(ox.a + dz_sample.a, ox.b + dz_sample.b, ox.c + dz_sample.c, ox.d + dz_sample.d));
    let w0 = input_grad_weight_rows(c0, tap);
    let w1 = input_grad_weight_rows(c0 + 4u, tap);
    let w2 = input_grad_weight_rows(c0 + 8u, tap);
    let w3 = input_grad_weight_rows(c0 + 12u, tap);
    for (var f = 0u; f < p.filters; f++) {
      let dz = input_grad_values(shifted(tap_at, i32(f * out_plane)), valid);
      acc0 = strip_update(acc0, input_grad_weights(w0, f), dz);
      if (ROW_TILES > 1u) { acc1 = strip_update(acc1, input_grad_weights(w1, f), dz); }
      if (ROW_TILES > 2u) { acc2 = strip_update(acc2, input_grad_weights(w2, f), dz); }
      if (ROW_TILES > 3u) { acc3 = strip_update(acc3, input_grad_weights(w3, f), dz); }
    }
    kx += 1u;
    if (kx == p.kernel) {
      kx = 0u;
      ky += 1u;
    }
  }
  input_grad_store(acc0, c0, dx_at);
  if (ROW_TILES > 1u) { input_grad_store(acc1, c0 + 4u, dx_at); }
  if (ROW_TILES > 2u) { input_grad_store(acc2, c0 + 8u, dx_at); }
  if (ROW_TILES > 3u) { input_grad_store(acc3, c0 + 12u, dx_at); }
}

/** dX for channels c0 .. c0 + 3 at the strip's input positions (offsets of channel 0; −1: past the end). */
fn input_grad_store(strip: Strip, c0: u32, columns: ColumnIndices) {
  let plane = params.height * params.width;
  for (var i = 0u; i < 16u; i++) {
    let column = strip_column(strip, columns, i);
    for (var r = 0u; r < 4u && column.offset >= 0 && c0 + r < params.channels; r++) {
      let index = u32(column.offset) + (c0 + r) * plane;
      var dx = column.sums[r];
      if (FUSED_DERIVATIVE) { dx *= activation_derivative(input_grad_z_before[index]); }
      input_grad_dx[index] = dx;
    }
  }
}

// ---- weight and bias gradient: partial[chunk, r, f] = Σ over the chunk's samples and output positions of
// patch[r] · dZ[f], where patch[r] is X under row r of W, and 1 for the last row (the bias) ----

@group(0) @binding(1) var<storage, read> weight_grad_x: array<f32>;
@group(0) @binding(2) var<storage, read> weight_grad_dz: array<f32>;
@group(0) @binding(3) var<storage, read_write> weight_grad_partial: array<f32>; // [chunks, C·k·k + 1, F]

/** Each of 4 rows of W (from `row`) as its offset in a sample of X and its tap's offsets from the window start. */
struct PatchRows {
  offset: vec4<i32>,
  dy: vec4<i32>,
  dx: vec4<i32>,
  bias: vec4<bool>,
}

fn patch_rows(row: u32) -> PatchRows {
  let p = params;
  let k2 = p.kernel * p.kernel;
  let r = min(vec4<u32>(row) + QUAD, vec4<u32>(p.channels * k2));
  let c = r / k2;
  let ky = (r % k2) / p.kernel;
  let kx = r % p.kernel;
  return PatchRows(vec4<i32>(c * p.height * p.width + ky * p.width + kx), vec4<i32>(ky), vec4<i32>(kx), r == vec4<u32>(p.channels * k2));
}

/** patch[r] at the window whose start is (top, left) in the padded image and `corner` in X. */
fn patch_values(rows: PatchRows, corner: i32, top: i32, left: i32) -> vec4<f32> {
  var valid = !rows.bias;
  if (PADDED) { valid &= (vec4<u32>(rows.dy + top) < vec4<u32>(params.height)) & (vec4<u32>(rows.dx + left) < vec4<u32>(params.width)); }
  let i = vec4<u32>(select(vec4<i32>(0), rows.offset + corner, valid));
  let x = vec4<f32>(weight_grad_x[i.x], weight_grad_x[i.y], weight_grad_x[i.z], weight_grad_x[i.w]);
  return select(select(vec4<f32>(0.0), x, valid), vec4<f32>(1.0), rows.bias);
}

fn weight_grad_values(index: ColumnIndices) -> Columns {
  let a = vec4<u32>(index.a);
  let b = vec4<u32>(index.b);
  let c = vec4<u32>(index.c);
  let d = vec4<u32>(index.d);
  return Columns(
    vec4<f32>(weight_grad_dz[a.x], weight_grad_dz[a.y], weight_grad_dz[a.z], weight_grad_dz[a.w]),
    vec4<f32>(weight_grad_dz[b.x], weight_grad_dz[b.y], weight_grad_dz[b.z], weight_grad_dz[b.w]),
    vec4<f32>(weight_grad_dz[c.x], weight_grad_dz[c.y], weight_grad_dz[c.z], weight_grad_dz[c.w]),
    vec4<f32>(weight_grad_dz[d.x], weight_grad_dz[d.y], weight_grad_dz[d.z], weight_grad_dz[d.w]));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn conv_backward_weights(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let rows = p.channels * p.kernel * p.kernel + 1u;
  let out_plane = p.out_height * p.out_width;
  let column_blocks = (p.filters + 15u) / 16u;
  let row_blocks = (rows + 4u * ROW_TILES - 1u) / (4u * ROW_TILES);
  let block = invocation_index(gid, groups);
  let chunk = block / (row_blocks * column_blocks);
  let r0 = ((block / column_blocks) % row_blocks) * 4u * ROW_TILES;
  let f0 = (block % column_blocks) * 16u;
  if (chunk >= p.chunks) { return; }
  let rows0 = patch_rows(r0);
  let rows1 = patch_rows(r0 + 4u);
  let rows2 = patch_rows(r0 + 8u);
  let rows3 = patch_rows(r0 + 12u);
  // Each filter column's plane in a sample of dZ.
  let last = vec4<u32>(p.filters - 1u);
  let planes = vec4<u32>(out_plane);
  let filter_planes = ColumnIndices(
    vec4<i32>(min(vec4<u32>(f0) + QUAD, last) * planes), vec4<i32>(min(vec4<u32>(f0 + 4u) + QUAD, last) * planes),
    vec4<i32>(min(vec4<u32>(f0 + 8u) + QUAD, last) * planes), vec4<i32>(min(vec4<u32>(f0 + 12u) + QUAD, last) * planes));
  var acc0: Strip;
  var acc1: Strip;
  var acc2: Strip;
  var acc3: Strip;
  // One loop over the chunk's output positions, (sample, oy, ox) stepped along: nested loops cost on CPUs.
  let first_sample = chunk * p.chunk_samples;
  let steps = (min(first_sample + p.chunk_samples, p.batch) - first_sample) * out_plane;
  var oy = 0u;
  var ox = 0u;
  var sample = i32(first_sample * p.channels * p.height * p.width);
  var dz_at = first_sample * p.filters * out_plane;
  for (var step = 0u; step < steps; step++) {
    let top = i32(oy * p.stride) - i32(p.pad);
    let left = i32(ox * p.stride) - i32(p.pad);
    let corner = sample + top * i32(p.width) + left;
    let dz = weight_grad_values(shifted(filter_planes, i32(dz_at)));
    acc0 = strip_update(acc0, patch_values(rows0, corner, top, left), dz);
    if (ROW_TILES > 1u) { acc1 = strip_update(acc1, patch_values(rows1, corner, top, left), dz); }
    if (ROW_TILES > 2u) { acc2 = strip_update(acc2, patch_values(rows2, corner, top, left), dz); }
    if (ROW_TILES > 3u) { acc3 = strip_update(acc3, patch_values(rows3, corner, top, left), dz); }
    ox += 1u;
    dz_at += 1u;
    if (ox == p.out_width) {
      ox = 0u;
      oy += 1u;
      if (oy == p.out_height) {
        oy = 0u;
        sample += i32(p.channels * p.height * p.width);
        dz_at += (p.filters - 1u) * out_plane;
      }
    }
  }
  let first = chunk * rows;
  weight_grad_store(acc0, first, r0, f0);
  if (ROW_TILES > 1u) { weight_grad_store(acc1, first, r0 + 4u, f0); }
  if (ROW_TILES > 2u) { weight_grad_store(acc2, first, r0 + 8u, f0); }
  if (ROW_TILES > 3u) { weight_grad_store(acc3, first, r0 + 12u, f0); }
}

/** Partial sums for rows r0 .. r0 + 3 and filters f0 .. f0 + 15 of the chunk whose first row is `first`. */
fn weight_grad_store(strip: Strip, first: u32, r0: u32, f0: u32) {
  let rows = params.channels * params.kernel * params.kernel + 1u;
  let filters = ColumnIndices(vec4<i32>(QUAD) + i32(f0), vec4<i32>(QUAD) + i32(f0 + 4u), vec4<i32>(QUAD) + i32(f0 + 8u), vec4<i32>(QUAD) + i32(f0 + 12u));
  for (var i = 0u; i < 16u && f0 + i < params.filters; i++) {
    let column = strip_column(strip, filters, i);
    for (var r = 0u; r < 4u && r0 + r < rows; r++) {
      weight_grad_partial[(first + r0 + r) * params.filters + u32(column.offset)] = column.sums[r];
    }
  }
}

// ---- the partial sums added up: dW [C·k·k, F] and db [F], one invocation per value ----

@group(0) @binding(1) var<storage, read> reduce_partial: array<f32>; // [chunks, C·k·k + 1, F]
@group(0) @binding(2) var<storage, read_write> reduce_dw: array<f32>;
@group(0) @binding(3) var<storage, read_write> reduce_db: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn conv_reduce_weights(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let p = params;
  let weights = p.channels * p.kernel * p.kernel * p.filters;
  let i = invocation_index(gid, groups);
  if (i >= weights + p.filters) { return; }
  var sum = 0.0;
  for (var chunk = 0u; chunk < p.chunks; chunk++) {
    sum += reduce_partial[chunk * (weights + p.filters) + i];
  }
  if (i < weights) {
    reduce_dw[i] = sum;
  } else {
    reduce_db[i - weights] = sum;
  }
}
