// Column sums db[col] = Σ_row dY[row, col]: the bias gradient, one invocation per column (or per four columns).

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


// Rows are summed four at a time into four partial sums (shorter rounding chains), then the tail rows.
@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col = invocation_index(gid, groups);
  let rows = params.rows;
  let cols = params.cols;
  if (col >= cols) { return; }
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
  db[col] = sum;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn column_sum_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let col4 = invocation_index(gid, groups);
  let rows = params.rows;
  let cols4 = params.cols / 4u;
  if (col4 >= cols4) { return; }
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
  db4[col4] = even + odd;
}
