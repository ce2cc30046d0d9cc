// Training-health figures per layer and logged window, as the GPU statistics give them.

/** One layer with parameters over one logged window (the steps of one submit): norms at its last step, activations over all its rows. */
export interface LayerHealth {
  /** Index in [...hidden layers, output layer]; cards number it index + 1. */
  layer: number;
  /** "Dense 128 relu". */
  name: string;
  /** ‖∂loss/∂θ‖ of the window's last step, over all of the layer's tensors. */
  gradientNorm: number;
  /** ‖θ‖ after that step. */
  weightNorm: number;
  /** ‖Δθ‖ / ‖θ‖ of that step's update. */
  updateRatio: number;
  /** Of the layer's outputs over all of the window's rows (every value of every channel). */
  activationMean: number;
  activationStd: number;
  /**
   * ReLU-family layers only: the fraction of units (of a conv layer: filters) with no positive pre-activation in any row
   * of the window (for a filter: at any position).
   */
  deadFraction?: number;
  /** Set where `deadFraction` counts a conv layer's filters rather than units. */
  deadOf?: 'filters';
}

export interface HealthWindow {
  /** The last step of the window. */
  step: number;
  steps: number;
  /** The learning rate the schedule applied at that step. */
  learningRate: number;
  layers: LayerHealth[];
}
