// The activation functions a Dense layer can use, and their numeric codes in WGSL.

export const ACTIVATIONS = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'gelu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Value of the `ACTIVATION` override constant in shaders/activations.wgsl for each function. */
export const ACTIVATION_CODE: Record<Activation, number> = {
  linear: 0,
  relu: 1,
  leaky_relu: 2,
  sigmoid: 3,
  tanh: 4,
  gelu: 5,
};

/** Slope of leaky ReLU for negative inputs (PyTorch's default). */
export const LEAKY_RELU_SLOPE = 0.01;
