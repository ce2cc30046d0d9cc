// The activation functions a layer can use, their numeric codes in WGSL and their PyTorch modules.

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

/** The activation as a PyTorch module; 'linear' is nn.Identity so module indices stay predictable. */
export const ACTIVATION_MODULES: Record<Activation, string> = {
  relu: 'nn.ReLU()',
  leaky_relu: `nn.LeakyReLU(${LEAKY_RELU_SLOPE})`,
  sigmoid: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  gelu: 'nn.GELU()', // exact (erf) GELU, as the engine computes it
  linear: 'nn.Identity()',
};
