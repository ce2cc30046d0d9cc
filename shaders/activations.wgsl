// Activation functions act(z) and their derivatives act'(z), chosen by ACTIVATION; elementwise forward/backward entry points.

// Codes match ACTIVATION_CODE in src/engine/activations.ts.
override ACTIVATION: u32 = 0u;
const ACTIVATION_LINEAR: u32 = 0u;
const ACTIVATION_RELU: u32 = 1u;
const ACTIVATION_LEAKY_RELU: u32 = 2u;
const ACTIVATION_SIGMOID: u32 = 3u;
const ACTIVATION_TANH: u32 = 4u;
const ACTIVATION_GELU: u32 = 5u;

const LEAKY_RELU_SLOPE: f32 = 0.01;
const INV_SQRT2: f32 = 0.70710678118654752;
const INV_SQRT_2PI: f32 = 0.39894228040143268;
/** tanh(z) rounds to ±1 in float32 beyond this, and builtin tanh may overflow far beyond it. */
const TANH_SATURATION: f32 = 10.0;

/** erfc(y) for y ≥ 0 by Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7), without the cancellation of 1 − erf. */
fn erfc_nonnegative(y: f32) -> f32 {
  let t = 1.0 / (1.0 + 0.3275911 * y);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * exp(-y * y);
}

/** Standard normal CDF Φ(z) = erfc(−z/√2) / 2, each tail computed directly. */
fn normal_cdf(z: f32) -> f32 {
  let tail = 0.5 * erfc_nonnegative(abs(z) * INV_SQRT2);
  return select(1.0 - tail, tail, z < 0.0);
}

/** act(z); exp only ever sees −|z|, so nothing overflows. */
fn activate(z: f32) -> f32 {
  switch ACTIVATION {
    case ACTIVATION_RELU: { return max(z, 0.0); }
    case ACTIVATION_LEAKY_RELU: { return select(LEAKY_RELU_SLOPE * z, z, z > 0.0); }
    case ACTIVATION_SIGMOID: {
      let e = exp(-abs(z));
      return select(e, 1.0, z >= 0.0) / (1.0 + e);
    }
    case ACTIVATION_TANH: { return tanh(clamp(z, -TANH_SATURATION, TANH_SATURATION)); }
    case ACTIVATION_GELU: { return z * normal_cdf(z); }
    default: { return z; }
  }
}

/** act'(z) at the pre-activation z, each the derivative of the rule above. */
fn activation_derivative(z: f32) -> f32 {
  switch ACTIVATION {
    case ACTIVATION_RELU: { return select(0.0, 1.0, z > 0.0); }
    case ACTIVATION_LEAKY_RELU: { return select(LEAKY_RELU_SLOPE, 1.0, z > 0.0); }
    // σ'(z) = σ(z)·σ(−z) = e / (1 + e)² with e = exp(−|z|).
    case ACTIVATION_SIGMOID: {
      let e = exp(-abs(z));
      return e / ((1.0 + e) * (1.0 + e));
    }
    // tanh'(z) = 1 − tanh²(z) = 4e / (1 + e)² with e = exp(−2|z|).
    case ACTIVATION_TANH: {
      let e = exp(-2.0 * abs(z));
      return 4.0 * e / ((1.0 + e) * (1.0 + e));
    }
    // (z·Φ(z))' = Φ(z) + z·φ(z).
    case ACTIVATION_GELU: { return normal_cdf(z) + z * INV_SQRT_2PI * exp(-0.5 * z * z); }
    default: { return 1.0; }
  }
}

struct ElementwiseParams {
  count: u32, // elements in Z (and Y, dY, dZ)
}

@group(0) @binding(0) var<uniform> elementwise: ElementwiseParams;
@group(0) @binding(1) var<storage, read> elementwise_z: array<f32>;          // Z: [count]
@group(0) @binding(2) var<storage, read_write> elementwise_y: array<f32>;    // Y: [count]
@group(0) @binding(3) var<storage, read> elementwise_dy: array<f32>;         // dY: [count]
@group(0) @binding(4) var<storage, read_write> elementwise_dz: array<f32>;   // dZ: [count]

override ELEMENTWISE_WORKGROUP_SIZE: u32 = 64u;

/** Flat element index of a dispatch folded into x and y (see src/engine/gpu/dispatch.ts). */
fn folded_index(gid: vec3u, groups: vec3u) -> u32 {
  return gid.x + gid.y * groups.x * ELEMENTWISE_WORKGROUP_SIZE;
}

// Y = act(Z), one element per invocation.
@compute @workgroup_size(ELEMENTWISE_WORKGROUP_SIZE)
fn activation_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = folded_index(gid, groups);
  if (i >= elementwise.count) { return; }
  elementwise_y[i] = activate(elementwise_z[i]);
}

// dZ = dY ⊙ act'(Z), one element per invocation.
@compute @workgroup_size(ELEMENTWISE_WORKGROUP_SIZE)
fn activation_backward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = folded_index(gid, groups);
  if (i >= elementwise.count) { return; }
  elementwise_dz[i] = elementwise_dy[i] * activation_derivative(elementwise_z[i]);
}
