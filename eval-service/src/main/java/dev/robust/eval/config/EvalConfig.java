package dev.robust.eval.config;

import dev.robust.common.checkpoint.CheckpointPartitions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/** Everything the eval-service can be told, under {@code robust.eval.*} in {@code application.properties}. */
@ConfigMapping(prefix = "robust.eval")
public interface EvalConfig {

    /**
     * CIFAR-10-C corruptions to score ({@code all}, or ids such as {@code gaussian_noise,fog}); the keys mirror the
     * {@code eval.*} keys of the run profiles in {@code common/.../profiles/}.
     */
    @WithDefault("all")
    List<String> corruptions();

    /** CIFAR-10-C severities every checkpoint is scored at. */
    @WithDefault("1,2,3,4,5")
    List<Integer> severities();

    /** At most this many clean test images are scored; unset scores all of them. */
    OptionalInt cleanImages();

    /**
     * At most this many images per corruption and severity are scored; unset scores all of them. Lets small
     * profiles finish a sweep in seconds.
     */
    OptionalInt imagesPerSeverity();

    /** Caps for epoch checkpoints ({@code eval.epoch.*}); each unset one is the final models' cap above. */
    Epoch epoch();

    /**
     * How many images the checkpoints published after each epoch are scored on, to follow a run; the models a run
     * ends with (raw and SWA teacher, final student) take {@code clean-images} / {@code images-per-severity}.
     */
    interface Epoch {
        OptionalInt cleanImages();

        OptionalInt imagesPerSeverity();
    }

    /** Images per forward pass. */
    @WithDefault("64")
    int batchSize();

    /**
     * The checkpoint store the trainer writes to: a directory (shared volume or PVC), {@code file:/<dir>}, or
     * {@code s3://<bucket>/<prefix>[?endpoint=…&path-style=true&region=…]}.
     */
    String checkpointStore();

    /** Consumer group on {@code model.checkpoints}: replicas in one group split the checkpoints between them. */
    @WithDefault("eval-service")
    String consumerGroup();

    /**
     * Partitions {@code model.checkpoints} is given (created so, or raised to it) at start-up: the most replicas that
     * score in parallel.
     */
    @WithDefault("" + CheckpointPartitions.DEFAULT_COUNT)
    int checkpointPartitions();

    /** How long one poll of a data topic waits before the sweep re-checks its end offsets. */
    @WithDefault("PT0.5S")
    Duration pollTimeout();
}
