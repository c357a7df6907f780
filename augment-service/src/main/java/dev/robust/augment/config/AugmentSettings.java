package dev.robust.augment.config;

import dev.robust.common.pairs.TrainPairsProtocol;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every setting of the augment-service ({@code robust.augment.*} in application.properties). */
@ConfigMapping(prefix = "robust.augment")
public interface AugmentSettings {

    /** Directory that every path in a REST request is resolved under; nothing outside it is read. */
    @WithDefault("data")
    String dataRoot();

    Topics topics();

    Ingest ingest();

    Pairs pairs();

    Producer producer();

    /** How the service creates the topics it writes (at start-up, if missing). */
    interface Topics {
        /** Partitions of every topic the service creates; pairs of one run always use one of them. */
        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** How long {@code train.pairs} keeps an epoch; a trainer reads it within minutes. */
        @WithDefault("6h")
        Duration pairsRetention();
    }

    interface Ingest {
        /** Seed of the deterministic choice of validation images among the training images. */
        @WithDefault("0")
        long validationSeed();

        /** Seed of generated CIFAR-10-C images (per corruption, severity and index under it). */
        @WithDefault("2019")
        long corruptionSeed();

        /** Longest wait for a topic read-back (end offsets, then records) before a job fails. */
        @WithDefault("2m")
        Duration readTimeout();
    }

    interface Pairs {
        /** Threads that render views; 0 = one per available core. */
        @WithDefault("0")
        int workers();

        /** Pairs rendered in parallel before they are handed to the producer in order. */
        @WithDefault("256")
        int chunkSize();

        /** How long an epoch request waits for the training set to hold the examples it asks for. */
        @WithDefault("2m")
        Duration trainingSetWait();

        /**
         * Most records of a run kept on {@code train.pairs} ahead of what its reader (the trainer) has read — the
         * flow control that keeps retention from deleting unread pairs. A fraction of an epoch is enough: rendering
         * is many times faster than training. {@code train.pairs}' {@code retention.bytes} must hold this many pairs.
         */
        @WithDefault(TrainPairsProtocol.DEFAULT_LEAD)
        long lead();

        /** How long an epoch waits for its reader to make room before it is given up (the trainer is gone). */
        @WithDefault(TrainPairsProtocol.DEFAULT_READER_WAIT)
        Duration readerWait();
    }

    /** The producer of data records and pairs: sized for 3–31 KB records (see docs/benchmarks.md). */
    interface Producer {
        /** Bytes per partition batch: 32 pairs of 72×72 views. */
        @WithDefault("1048576")
        int batchSize();

        @WithDefault("10ms")
        Duration linger();

        /**
         * {@code none}, {@code lz4}, {@code zstd}…: lz4 stores real CIFAR-10 pairs in 25% fewer bytes at no measured
         * cost in pairs/s; zstd saves barely more (docs/benchmarks.md).
         */
        @WithDefault("lz4")
        String compression();

        /** Memory the producer may buffer before {@code send} blocks: the back-pressure on rendering. */
        @WithDefault("67108864")
        long bufferMemory();
    }
}
