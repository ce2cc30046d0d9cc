// Splits a 1-D dispatch into x and y so no dimension exceeds the device's workgroup limit.

/**
 * Workgroup counts [x, y] covering `invocations` threads in workgroups of `workgroupSize`.
 * Kernels rebuild the flat index as `gid.x + gid.y * num_workgroups.x * workgroupSize`.
 */
export function foldedDispatch(invocations: number, workgroupSize: number, maxPerDimension: number): [number, number] {
  if (!Number.isInteger(invocations) || invocations < 0) throw new RangeError(`invocations must be a whole number ≥ 0, got ${invocations}`);
  const groups = Math.ceil(invocations / workgroupSize);
  if (groups <= maxPerDimension) return [Math.max(groups, 1), 1];
  const y = Math.ceil(groups / maxPerDimension);
  if (y > maxPerDimension) throw new RangeError(`${invocations} invocations exceed the device's dispatch limit`);
  return [Math.ceil(groups / y), y];
}
