// Where a run stands, counted from the samples it trained on: the position, how steps move it, how far along it is.

/** Where training stands. It counts samples, not steps, so it stays right across batch-size changes. */
export interface TrainerPosition {
  epoch: number; // 0-based epoch in progress; the epochs setting once the run is done
  epochSamples: number; // samples of this epoch's permutation trained on: its next step starts there
  samples: number; // samples trained on in all
  step: number; // steps taken in all
}

/** What the run settings say about its length. */
export interface RunLength {
  epochs: number;
  batchSize: number;
}

/** How far a run has come, and what is left of it at the current batch size. */
export interface RunProgress {
  /** Epochs completed, fractional (epoch + epochSamples / trainImages): a whole number at an epoch end. */
  epochsDone: number;
  /** Of the whole run, in [0, 1]. */
  fraction: number;
  /** Steps taken plus the steps left at the current batch size. */
  totalSteps: number;
  /** Samples the steps left will train on (time left = samplesLeft / samples per second). */
  samplesLeft: number;
}

export const startPosition = (): TrainerPosition => ({ epoch: 0, epochSamples: 0, samples: 0, step: 0 });

/** Whole batches in an epoch (drop-last). */
export const stepsPerEpoch = (batchSize: number, trainImages: number): number => Math.floor(trainImages / batchSize);

/** Whole batches left in the epoch in progress (drop-last: a remainder smaller than a batch is not trained on). */
export function stepsLeftInEpoch(position: TrainerPosition, batchSize: number, trainImages: number): number {
  return Math.max(Math.floor((trainImages - position.epochSamples) / batchSize), 0);
}

/** The position, moved to the start of the next epoch when less than one batch of its epoch is left. */
export function closeSpentEpoch(position: TrainerPosition, batchSize: number, trainImages: number): TrainerPosition {
  if (stepsLeftInEpoch(position, batchSize, trainImages) > 0) return position;
  return { ...position, epoch: position.epoch + 1, epochSamples: 0 };
}

/** The position after `steps` steps of `batchSize` from the epoch's offset; an epoch ends once less than a batch is left. */
export function advancePosition(position: TrainerPosition, steps: number, batchSize: number, trainImages: number): TrainerPosition {
  const taken = steps * batchSize;
  const moved = { epoch: position.epoch, epochSamples: position.epochSamples + taken, samples: position.samples + taken, step: position.step + steps };
  return closeSpentEpoch(moved, batchSize, trainImages);
}

/** Epochs completed, with the one in progress as a fraction of the training images. */
export function epochsCompleted(position: TrainerPosition, trainImages: number): number {
  return position.epoch + position.epochSamples / trainImages;
}

/**
 * The steps a run at `batchSize` throughout would have taken to stand where `position` does: its whole epochs, then the
 * epoch in progress counted back from its end, so that the steps left reach the epoch's end exactly. position.step
 * itself when every step was at `batchSize`.
 */
export function stepsAtBatchSize(position: TrainerPosition, batchSize: number, trainImages: number): number {
  return (position.epoch + 1) * stepsPerEpoch(batchSize, trainImages) - stepsLeftInEpoch(position, batchSize, trainImages);
}

/** How far along a run is and what is left of it, if the settings stay as they are. */
export function runProgress(position: TrainerPosition, { epochs, batchSize }: RunLength, trainImages: number): RunProgress {
  const epochsLeft = Math.max(epochs - position.epoch, 0); // the one in progress included
  const stepsLeft = epochsLeft === 0 ? 0 : stepsLeftInEpoch(position, batchSize, trainImages) + (epochsLeft - 1) * stepsPerEpoch(batchSize, trainImages);
  const epochsDone = epochsCompleted(position, trainImages);
  return {
    epochsDone,
    fraction: epochs > 0 ? Math.min(epochsDone / epochs, 1) : 1,
    totalSteps: position.step + stepsLeft,
    samplesLeft: stepsLeft * batchSize,
  };
}
