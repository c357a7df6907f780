package dev.robust.trainer.training;

import dev.robust.common.event.ModelRole;

/**
 * Where a run stands right now, as the replica training it sees it.
 *
 * @param phase           teacher or student
 * @param epoch           the epoch in training (from 0)
 * @param step            optimiser steps taken in this epoch
 * @param stepsPerEpoch   steps a full epoch takes
 * @param imagesPerSecond training throughput over this epoch so far (0 before the first batch)
 */
public record RunProgress(ModelRole phase, int epoch, int step, int stepsPerEpoch, double imagesPerSecond) {
}
