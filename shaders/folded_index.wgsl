// Included by kernels with a WORKGROUP_SIZE override whose 1-D dispatch is folded into x and y (src/engine/gpu/dispatch.ts).

/** Flat index of this invocation in a dispatch folded into x and y. */
fn invocation_index(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * WORKGROUP_SIZE;
}
