// Column sums db[col] = Σ_row dY[row, col]: the bias gradient, one invocation per column (or per four columns); the
// _with_unit_stats variants also add each column's statistics over the same rows to a health window (Dense layers).

struct ColumnSumParams {
  rows: u32,
  cols: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: ColumnSumParams;
// column_sum reads floats; column_sum_vec4 (cols % 4 = 0) reads and writes four columns at a time.
@group(0) @binding(1) var<storage, read> dy: array<f32>;              // dY: [rows, cols]
@group(0) @binding(2) var<storage, read_write> db: array<f32>;        // db: [cols]
@group(0) @binding(1) var<storage, read> dy4: array<vec4<f32>>;       // dY: [rows, cols / 4] of vec4
@group(0) @binding(2) var<storage, read_write> db4: array<vec4<f32>>; // db: [cols / 4] of vec4
// The unit statistics: Y of the layer whose dZ is dY, and the window's sums and liveness they are added to (a ReLU-family
// output is positive exactly where its pre-activation is, so liveness reads Y alone).
@group(0) @binding(3) var<storage, read> y: array<f32>;                    // Y = act(Z): [rows, cols]
@group(0) @binding(4) var<storage, read_write> unit_sums: array<f32>;      // [2, cols]: Σ y, then Σ y²
@group(0) @binding(5) var<storage, read_write> unit_alive: array<u32>;     // [cols]: 1 once some row had y > 0
@group(0) @binding(3) var<storage, read> y4: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> unit_sums4: array<vec4<f32>>; // [2, cols / 4] of vec4
@group(0) @binding(5) var<storage, read_write> unit_alive4: array<vec4<u32>>;

// Rows are summed four at a time into four partial sums (shorter rounding chains), then the tail rows.
fn column_total(col: u32) -> f32 {
  let rows = params.rows;
  let cols = params.cols;
  var partial = vec4<f32>(0.0);
  var row = 0u;
  for (; row + 4u <= rows; row += 4u) {
    let i = row * cols + col;
    partial += vec4<f32>(dy[i], dy[i + cols], dy[i + 2u * cols], dy[i + 3u * cols]);
  }
  var sum = (partial.x + partial.y) + (partial.z + partial.w);
  for (; row < rows; row++) {
    sum += dy[row * cols + col];
  }
  return sum;
}

fn column_total4(col4: u32) -> vec4<f32> {
  let rows = params.rows;
  let cols4 = params.cols / 4u;
  var even = vec4<f32>(0.0);
  var odd = vec4<f32>(0.0);
  var row = 0u;
  for (; row + 2u <= rows; row += 2u) {
    even += dy4[row * cols4 + col4];
    odd += dy4[(row + 1u) * cols4 + col4];
  }
  if (row < rows) {
    even += dy4[row * cols4 + col4];
  }
  return even + odd;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col = invocation_index(gid, groups);
  if (col >= params.cols) { return; }
  db[col] = column_total(col);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col4 = invocation_index(gid, groups);
  if (col4 >= params.cols / 4u) { return; }
  db4[col4] = column_total4(col4);
}

// db exactly as column_sum computes it; then Σ y, Σ y² and liveness of the column over the same rows.
@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum_with_unit_stats(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col = invocation_index(gid, groups);
  let cols = params.cols;
  if (col >= cols) { return; }
  db[col] = column_total(col);
  var sum = 0.0;
  var squares = 0.0;
  var alive = unit_alive[col];
  for (var row = 0u; row < params.rows; row++) {
    let i = row * cols + col;
    let value = y[i];
    sum += value;
    squares += value * value;
    alive = select(alive, 1u, value > 0.0);
  }
  unit_sums[col] += sum;
  unit_sums[cols + col] += squares;
  unit_alive[col] = alive;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum_vec4_with_unit_stats(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col4 = invocation_index(gid, groups);
  let cols4 = params.cols / 4u;
  if (col4 >= cols4) { return; }
  db4[col4] = column_total4(col4);
  var sum = vec4<f32>(0.0);
  var squares = vec4<f32>(0.0);
  var alive = unit_alive4[col4];
  for (var row = 0u; row < params.rows; row++) {
    let i = row * cols4 + col4;
    let value = y4[i];
    sum += value;
    squares += value * value;
    alive = select(alive, vec4<u32>(1u), value > vec4<f32>(0.0));
  }
  unit_sums4[col4] += sum;
  unit_sums4[cols4 + col4] += squares;
  unit_alive4[col4] = alive;
}
