// Counts the NaN and ±Inf values of a float buffer by bit pattern (exponent bits all ones), which holds where IEEE rules bend.

struct Params {
  length: u32, // floats to check
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> value_bits: array<u32>;            // [length]: the floats' bits
@group(0) @binding(2) var<storage, read_write> nonfinite_count: atomic<u32>; // added to; the caller zeroes it

override WORKGROUP_SIZE: u32 = 64u;

const EXPONENT_BITS: u32 = 0x7f800000u;

// One invocation per value; only a non-finite value costs an atomic, so a healthy buffer is one read per value.
@compute @workgroup_size(WORKGROUP_SIZE)
fn nonfinite_count_values(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.length) { return; }
  if ((value_bits[i] & EXPONENT_BITS) == EXPONENT_BITS) { atomicAdd(&nonfinite_count, 1u); }
}
