// Matmul C[M,N] = op(A)·op(B) in layouts nn, tn, nt, with optional fused bias + activation or activation-derivative epilogue.
// Needs shaders/activations.wgsl included before it (activate, activation_derivative).

struct MatmulParams {
  m: u32, // rows of C
  k: u32, // the contracted dimension
  n: u32, // columns of C
}

// Layouts (LAYOUT): A and B as stored, all row-major.
const LAYOUT_NN: u32 = 0u; // A: [M, K], B: [K, N]
const LAYOUT_TN: u32 = 1u; // A: [K, M], B: [K, N]  (dW = Xᵀ·dY)
const LAYOUT_NT: u32 = 2u; // A: [M, K], B: [N, K]  (dX = dY·Wᵀ)

// What happens to each sum S = (op(A)·op(B))[row, col] (EPILOGUE).
const EPILOGUE_NONE: u32 = 0u;             // C = S
const EPILOGUE_BIAS_ACTIVATION: u32 = 1u;  // C = act(S + bias[col])
const EPILOGUE_BIAS_ACTIVATION_Z: u32 = 2u; // same, and Z = S + bias[col] to pre_activation
const EPILOGUE_ACTIVATION_DERIVATIVE: u32 = 3u; // C = S ⊙ act'(Z), Z read from pre_activation

override LAYOUT: u32 = LAYOUT_NN;
override EPILOGUE: u32 = EPILOGUE_NONE;
override WORKGROUP_SIZE: u32 = 64u;
/** Strips of 4 rows per invocation on the vec4 path, 1 to 8: many for CPUs (fewer loads), few for GPUs (more threads). */
override BLOCK_STRIPS: u32 = 8u;

@group(0) @binding(0) var<uniform> params: MatmulParams;
// The vec4 entry point reads A and B four floats at a time; the general one reads them as floats.
@group(0) @binding(1) var<storage, read> a_vec4: array<vec4<f32>>; // A (vec4 path)
@group(0) @binding(2) var<storage, read> b_vec4: array<vec4<f32>>; // B (vec4 path)
@group(0) @binding(1) var<storage, read> a_f32: array<f32>;        // A (general path)
@group(0) @binding(2) var<storage, read> b_f32: array<f32>;        // B (general path)
@group(0) @binding(3) var<storage, read_write> c: array<f32>;              // C: [M, N]
@group(0) @binding(4) var<storage, read> bias: array<f32>;                 // [N] (bias epilogues)
@group(0) @binding(5) var<storage, read_write> pre_activation: array<f32>; // Z: [M, N] (Z and gradient epilogues)


/** Writes one output element after its epilogue; elements outside C are skipped. dims: (M, K, N). */
fn store_element(dims: vec3<u32>, row: u32, col: u32, sum: f32) {
  if (row >= dims.x || col >= dims.z) { return; }
  let i = row * dims.z + col;
  switch EPILOGUE {
    case EPILOGUE_BIAS_ACTIVATION: { c[i] = activate(sum + bias[col]); }
    case EPILOGUE_BIAS_ACTIVATION_Z: {
      let z = sum + bias[col];
      pre_activation[i] = z;
      c[i] = activate(z);
    }
    case EPILOGUE_ACTIVATION_DERIVATIVE: { c[i] = sum * activation_derivative(pre_activation[i]); }
    default: { c[i] = sum; }
  }
}

/** Writes sums to C[row, col .. col + 3] (a column of a tile), each element through the epilogue. */
fn store_row(dims: vec3<u32>, row: u32, col: u32, sums: vec4<f32>) {
  store_element(dims, row, col, sums.x);
  store_element(dims, row, col + 1u, sums.y);
  store_element(dims, row, col + 2u, sums.z);
  store_element(dims, row, col + 3u, sums.w);
}

// ---- vec4 path: each invocation computes a 32×16 block of C as 8 strips of four 4×4 tiles ----
// Tiles are mat4x4 in a canonical orientation so one update serves every layout:
//   A tile: column r = op(A)[row + r, k .. k + 3];  B tile: column q = op(B)[k + q, col .. col + 3];
//   then (B tile · A tile) column r = Σ_q op(A)[row + r, k + q] · op(B)[k + q, col .. col + 3].

/** 4 rows × 16 columns of C: tile t covers columns col + 4t .. col + 4t + 3. */
struct Strip { t0: mat4x4<f32>, t1: mat4x4<f32>, t2: mat4x4<f32>, t3: mat4x4<f32> }

override BLOCK_ROWS: u32 = 4u * BLOCK_STRIPS; // rows of C per invocation on the vec4 path
const BLOCK_COLS: u32 = 16u; // columns of C per invocation on the vec4 path
const QUAD = vec4<u32>(0u, 1u, 2u, 3u);

// Each tile is four vec4 loads whose indices start at `first` (k4 = 0) and all move by a fixed step per k4.

/** Indices of the A tile for rows row .. row + 3 at k4 = 0; rows past M repeat row M − 1 (never stored). */
fn a_first(dims: vec3<u32>, row: u32) -> vec4<u32> {
  if (LAYOUT == LAYOUT_TN) { // A: [K, M] read along M: row k holds m4 vec4
    let m4 = dims.x / 4u;
    return QUAD * m4 + min(row / 4u, m4 - 1u);
  }
  return min(row + QUAD, vec4<u32>(dims.x - 1u)) * (dims.y / 4u); // A: [M, K] read along K
}

fn a_step(dims: vec3<u32>) -> u32 {
  return select(1u, dims.x, LAYOUT == LAYOUT_TN); // 4 rows of [K, M] hold M vec4
}

/** Indices of the B tile for columns col .. col + 3 at k4 = 0; columns past N are clamped (never stored). */
fn b_first(dims: vec3<u32>, col: u32) -> vec4<u32> {
  if (LAYOUT == LAYOUT_NT) { // B: [N, K] read along K
    return min(col + QUAD, vec4<u32>(dims.z - 1u)) * (dims.y / 4u);
  }
  let n4 = dims.z / 4u; // B: [K, N] read along N
  return QUAD * n4 + min(col / 4u, n4 - 1u);
}

fn b_step(dims: vec3<u32>) -> u32 {
  return select(dims.z, 1u, LAYOUT == LAYOUT_NT); // 4 rows of [K, N] hold N vec4
}

/** The canonical A tile from four vec4 of A at `index`. */
fn a_tile(index: vec4<u32>) -> mat4x4<f32> {
  let loaded = mat4x4<f32>(a_vec4[index.x], a_vec4[index.y], a_vec4[index.z], a_vec4[index.w]);
  if (LAYOUT == LAYOUT_TN) { return transpose(loaded); }
  return loaded;
}

/** The canonical B tile from four vec4 of B at `index`. */
fn b_tile(index: vec4<u32>) -> mat4x4<f32> {
  let loaded = mat4x4<f32>(b_vec4[index.x], b_vec4[index.y], b_vec4[index.z], b_vec4[index.w]);
  if (LAYOUT == LAYOUT_NT) { return transpose(loaded); }
  return loaded;
}

/** acc + the contribution of one A tile and the strip of B tiles beside it. */
fn strip_update(acc: Strip, a: mat4x4<f32>, b: Strip) -> Strip {
  return Strip(acc.t0 + b.t0 * a, acc.t1 + b.t1 * a, acc.t2 + b.t2 * a, acc.t3 + b.t3 * a);
}

// Needs K % 4 = 0, and N % 4 = 0 for nn and tn, and M % 4 = 0 for tn (the wrapper checks).
@compute @workgroup_size(WORKGROUP_SIZE)
fn matmul_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let dims = vec3<u32>(params.m, params.k, params.n);
  let blocks_per_row = (dims.z + BLOCK_COLS - 1u) / BLOCK_COLS;
  let block = invocation_index(gid, groups);
  let row = (block / blocks_per_row) * BLOCK_ROWS;
  let col = (block % blocks_per_row) * BLOCK_COLS;
  if (row >= dims.x) { return; }
  // a0..a7: indices of each strip's A tile at k4 = 0; b0..b3: of the B tile for each 4 columns.
  let a0 = a_first(dims, row);
  let a1 = a_first(dims, row + 4u);
  let a2 = a_first(dims, row + 8u);
  let a3 = a_first(dims, row + 12u);
  let a4 = a_first(dims, row + 16u);
  let a5 = a_first(dims, row + 20u);
  let a6 = a_first(dims, row + 24u);
  let a7 = a_first(dims, row + 28u);
  let b0 = b_first(dims, col);
  let b1 = b_first(dims, col + 4u);
  let b2 = b_first(dims, col + 8u);
  let b3 = b_first(dims, col + 12u);
  let a_stride = a_step(dims);
  let b_stride = b_step(dims);
  var acc0: Strip;
  var acc1: Strip;
  var acc2: Strip;
  var acc3: Strip;
  var acc4: Strip;
  var acc5: Strip;
  var acc6: Strip;
  var acc7: Strip;
  let k4_count = dims.y / 4u;
  for (var k4 = 0u; k4 < k4_count; k4++) {
    let a_offset = vec4<u32>(k4 * a_stride);
    let b_offset = vec4<u32>(k4 * b_stride);
    let b_strip = Strip(b_tile(b0 + b_offset), b_tile(b1 + b_offset), b_tile(b2 + b_offset), b_tile(b3 + b_offset));
    acc0 = strip_update(acc0, a_tile(a0 + a_offset), b_strip);
    if (BLOCK_STRIPS > 1u) { acc1 = strip_update(acc1, a_tile(a1 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 2u) { acc2 = strip_update(acc2, a_tile(a2 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 3u) { acc3 = strip_update(acc3, a_tile(a3 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 4u) { acc4 = strip_update(acc4, a_tile(a4 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 5u) { acc5 = strip_update(acc5, a_tile(a5 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 6u) { acc6 = strip_update(acc6, a_tile(a6 + a_offset), b_strip); }
    if (BLOCK_STRIPS > 7u) { acc7 = strip_update(acc7, a_tile(a7 + a_offset), b_strip); }
  }
  // One loop over the block's tile rows keeps few copies of the epilogue in the compiled kernel.
  let tiles = array<mat4x4<f32>, 32>(
    acc0.t0, acc0.t1, acc0.t2, acc0.t3, acc1.t0, acc1.t1, acc1.t2, acc1.t3,
    acc2.t0, acc2.t1, acc2.t2, acc2.t3, acc3.t0, acc3.t1, acc3.t2, acc3.t3,
    acc4.t0, acc4.t1, acc4.t2, acc4.t3, acc5.t0, acc5.t1, acc5.t2, acc5.t3,
    acc6.t0, acc6.t1, acc6.t2, acc6.t3, acc7.t0, acc7.t1, acc7.t2, acc7.t3);
  for (var i = 0u; i < BLOCK_ROWS * 4u; i++) { // (tile, row within tile) pairs
    let tile = i / 4u;
    store_row(dims, row + (tile / 4u) * 4u + i % 4u, col + (tile % 4u) * 4u, tiles[tile][i % 4u]);
  }
}

// ---- general path: any shape and layout, one float at a time, a 4×4 block per invocation ----

/** op(A)[row, k] for rows clamped to M − 1. */
fn a_element(dims: vec3<u32>, row: u32, k: u32) -> f32 {
  let i = min(row, dims.x - 1u);
  return a_f32[select(i * dims.y + k, k * dims.x + i, LAYOUT == LAYOUT_TN)];
}

/** op(B)[k, col .. col + 3] with columns clamped to N − 1. */
fn b_row(dims: vec3<u32>, k: u32, col: u32) -> vec4<f32> {
  let cols = min(vec4<u32>(col, col + 1u, col + 2u, col + 3u), vec4<u32>(dims.z - 1u));
  let index = select(k * dims.z + cols, cols * dims.y + k, LAYOUT == LAYOUT_NT);
  return vec4<f32>(b_f32[index.x], b_f32[index.y], b_f32[index.z], b_f32[index.w]);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn matmul_general(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let dims = vec3<u32>(params.m, params.k, params.n);
  let blocks_per_row = (dims.z + 3u) / 4u;
  let block = invocation_index(gid, groups);
  let row = (block / blocks_per_row) * 4u;
  let col = (block % blocks_per_row) * 4u;
  if (row >= dims.x) { return; }
  var acc: mat4x4<f32>;
  for (var k = 0u; k < dims.y; k++) {
    let b = b_row(dims, k, col);
    acc += mat4x4<f32>(a_element(dims, row, k) * b, a_element(dims, row + 1u, k) * b,
                       a_element(dims, row + 2u, k) * b, a_element(dims, row + 3u, k) * b);
  }
  for (var r = 0u; r < 4u; r++) {
    store_row(dims, row + r, col, acc[r]);
  }
}
