package dev.robust.augment.ingest;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.common.BadInputException;
import dev.robust.common.InvalidFieldException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.DatasetSource;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.dataset.Split;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /datasets}: reads a data set and writes {@code cifar10.train}, {@code cifar10.val} and
 * {@code cifar10.test}, keyed by dataset index. The validation images are chosen among the training images by
 * {@link ValidationSplit} and are not in {@code cifar10.train}.
 *
 * <p>Re-ingesting never duplicates: keys are dataset indices on compacted topics. On top of that a topic that
 * already holds exactly the records this ingest would write (same count, every record stamped with the same
 * fingerprint — a SHA-256 over index, label and pixels of every image plus the split settings) is skipped, so a
 * repeated {@code POST} costs a read-back and nothing more.
 */
@ApplicationScoped
public class DatasetIngest {
    private static final Logger LOG = Logger.getLogger(DatasetIngest.class);
    public static final String KIND = "dataset";
    /** The most validation images a request may carve out: CIFAR-10's whole training set. */
    public static final int MAX_VALIDATION_SIZE = 50_000;

    private final IngestJobs jobs;
    private final DataRoot dataRoot;
    private final ImagePublisher publisher;
    private final TopicInventory inventory;
    private final long validationSeed;

    DatasetIngest(IngestJobs jobs, DataRoot dataRoot, ImagePublisher publisher, TopicInventory inventory,
                  AugmentSettings settings) {
        this.jobs = jobs;
        this.dataRoot = dataRoot;
        this.publisher = publisher;
        this.inventory = inventory;
        this.validationSeed = settings.ingest().validationSeed();
    }

    /** What a client posts. */
    public record Request(String spec, Integer validationSize) {
        public int validationSizeOrDefault() {
            return validationSize == null ? 500 : validationSize;
        }
    }

    /** Validates the request (400 on a bad field) and queues the job. */
    public IngestJob submit(Request request) {
        DatasetSpec spec = resolve(request.spec());
        int validationSize = request.validationSizeOrDefault();
        if (validationSize < 0 || validationSize > MAX_VALIDATION_SIZE) {
            throw new InvalidFieldException("validationSize", "validationSize must be 0.." + MAX_VALIDATION_SIZE
                    + ", got " + validationSize);
        }
        return jobs.submit(KIND, request, job -> run(job, spec, validationSize));
    }

    public List<IngestJob.Status> jobs() {
        return jobs.all(KIND);
    }

    public Map<String, TopicInventory.DatasetTopic> topics() throws TimeoutException {
        return Map.of(Topics.CIFAR10_TRAIN, inventory.datasetTopic(Topics.CIFAR10_TRAIN),
                Topics.CIFAR10_VAL, inventory.datasetTopic(Topics.CIFAR10_VAL),
                Topics.CIFAR10_TEST, inventory.datasetTopic(Topics.CIFAR10_TEST));
    }

    private DatasetSpec resolve(String text) {
        if (text == null || text.isBlank()) throw new InvalidFieldException("spec", "spec is required, e.g. synthetic:1000");
        DatasetSpec spec;
        try {
            spec = DatasetSpec.parse(text);
        } catch (BadInputException e) {
            throw new InvalidFieldException("spec", e.getMessage());
        }
        if (spec.kind() == DatasetSpec.Kind.CIFAR10C) {
            throw new InvalidFieldException("spec", "spec '" + text + "' names CIFAR-10-C; post it to /corruptions");
        }
        if (spec.path() == null) return spec;
        return new DatasetSpec(spec.kind(), dataRoot.resolve("spec", spec.path().toString()), spec.trainSize());
    }

    private void run(IngestJob job, DatasetSpec spec, int validationSize) throws Exception {
        DatasetSource source = spec.open();
        TrainAndValidation training = carve(source.readAll(Split.TRAIN), validationSize);
        String splitSettings = "validation=" + validationSize + ",seed=" + validationSeed;
        List<LabeledImage> test = source.splits().contains(Split.TEST) ? source.readAll(Split.TEST) : List.of();
        job.expect(Topics.CIFAR10_TRAIN, training.train().size());
        job.expect(Topics.CIFAR10_VAL, training.validation().size());
        job.expect(Topics.CIFAR10_TEST, test.size());
        write(job, Topics.CIFAR10_TRAIN, source.label(), training.train(), splitSettings);
        write(job, Topics.CIFAR10_VAL, source.label(), training.validation(), splitSettings);
        write(job, Topics.CIFAR10_TEST, source.label(), test, "test");
        job.succeeded(topics());
        LOG.infof("ingested %s (%s): train %d, val %d, test %d", spec.kind().id(), source.label(),
                training.train().size(), training.validation().size(), test.size());
    }

    private record TrainAndValidation(List<LabeledImage> train, List<LabeledImage> validation) {
    }

    private TrainAndValidation carve(List<LabeledImage> training, int validationSize) {
        Set<Long> chosen = ValidationSplit.choose(training.stream().map(LabeledImage::index).toList(),
                validationSize, validationSeed);
        List<LabeledImage> train = new ArrayList<>(training.size() - chosen.size());
        List<LabeledImage> validation = new ArrayList<>(chosen.size());
        for (LabeledImage image : training) (chosen.contains(image.index()) ? validation : train).add(image);
        return new TrainAndValidation(train, validation);
    }

    private void write(IngestJob job, String topic, String dataset, List<LabeledImage> images, String settings)
            throws Exception {
        String fingerprint = fingerprint(images, settings);
        if (inventory.holdsExactly(topic, images.size(), fingerprint)) {
            job.skipped(topic, "already holds these " + images.size() + " images (fingerprint " + fingerprint + ")");
            return;
        }
        ImagePublisher.Batch batch = publisher.open(job, topic, dataset, fingerprint);
        for (LabeledImage image : images) {
            batch.send(RecordKeys.datasetImage(image.index()), LabeledImageCodec.encode(image));
        }
        batch.finish();
    }

    private static String fingerprint(List<LabeledImage> images, String settings) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        ByteBuffer header = ByteBuffer.allocate(Long.BYTES + 1);
        for (LabeledImage image : images) {
            header.clear();
            header.putLong(image.index()).put((byte) image.label());
            digest.update(header.array());
            digest.update(image.image().data());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
