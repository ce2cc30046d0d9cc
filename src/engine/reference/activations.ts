// Float64 reference of the activation functions, each with its local derivative next to its forward rule.
import { LEAKY_RELU_SLOPE, type Activation } from '../activations';

interface ActivationRule {
  forward: (z: number) => number;
  /** d act(z) / dz, evaluated at the pre-activation z. */
  derivative: (z: number) => number;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** 1 / (1 + e^−z), written so neither branch overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term is positive, so there is no
 * cancellation; beyond |x| = 6 erf is ±1 to double precision.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  let term = ax;
  let sum = ax;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * ax * ax) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-ax * ax) * sum;
}

/** Standard normal CDF Φ(z) and density φ(z). */
const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));
const normalPdf = (z: number): number => Math.exp(-0.5 * z * z) / SQRT_2PI;

const RULES: Record<Activation, ActivationRule> = {
  // y = z;                    dy/dz = 1
  linear: { forward: (z) => z, derivative: () => 1 },
  // y = max(z, 0);            dy/dz = [z > 0]
  relu: { forward: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0) },
  // y = z > 0 ? z : s·z;      dy/dz = z > 0 ? 1 : s
  leaky_relu: {
    forward: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    derivative: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
  },
  // y = σ(z);                 dy/dz = σ(z)·(1 − σ(z))
  sigmoid: { forward: sigmoid, derivative: (z) => sigmoid(z) * (1 - sigmoid(z)) },
  // y = tanh(z);              dy/dz = 1 − tanh²(z)
  tanh: { forward: Math.tanh, derivative: (z) => 1 - Math.tanh(z) ** 2 },
  // y = z·Φ(z) (exact GELU);  dy/dz = Φ(z) + z·φ(z)
  gelu: { forward: (z) => z * normalCdf(z), derivative: (z) => normalCdf(z) + z * normalPdf(z) },
};

/** act(z) for one pre-activation value. */
export function activationForward(name: Activation, z: number): number {
  return RULES[name].forward(z);
}

/** act'(z), the local derivative at the pre-activation value z. */
export function activationDerivative(name: Activation, z: number): number {
  return RULES[name].derivative(z);
}
