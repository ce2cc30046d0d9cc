// Gathers a batch of dataset rows by index: u8-packed pixels -> float32 in [0, 1], plus labels.

struct Params {
  batch: u32,           // rows to gather
  words_per_row: u32,   // pixels per image / 4 (784 / 4 = 196 for MNIST)
  dataset_size: u32,    // images in the split; larger indices are out of range
  index_offset: u32,    // first entry of `indices` to use
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> images: array<u32>;        // [dataset_size, words_per_row], 4 pixels per word
@group(0) @binding(2) var<storage, read> labels: array<u32>;        // [ceil(dataset_size / 4)], 4 labels per word
@group(0) @binding(3) var<storage, read> indices: array<u32>;       // [index_offset + batch]
@group(0) @binding(4) var<storage, read_write> batch_pixels: array<vec4<f32>>; // [batch, words_per_row]
@group(0) @binding(5) var<storage, read_write> batch_labels: array<u32>;       // [batch]

override WORKGROUP_SIZE: u32 = 64u;

/** Label written for an index outside the dataset (its pixels are written as zeros). */
const INVALID_LABEL: u32 = 0xffffffffu;

// One invocation per 4 output pixels; the dispatch may be folded into y.
@compute @workgroup_size(WORKGROUP_SIZE)
fn gather_rows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.batch * params.words_per_row) { return; }
  let row = i / params.words_per_row;
  let word = i % params.words_per_row;
  let source = indices[params.index_offset + row];
  let in_range = source < params.dataset_size;
  // unpack4x8unorm maps the lowest byte (the first pixel in memory) to .x, scaled by 1/255.
  batch_pixels[i] = select(vec4<f32>(0.0), unpack4x8unorm(images[source * params.words_per_row + word]), in_range);
  if (word == 0u) {
    let label = (labels[source / 4u] >> ((source % 4u) * 8u)) & 0xffu;
    batch_labels[row] = select(INVALID_LABEL, label, in_range);
  }
}
