package dev.robust.augment.ingest;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.augment.messaging.TopicReader;
import dev.robust.augment.render.RenderPool;
import dev.robust.common.BadInputException;
import dev.robust.common.InvalidFieldException;
import dev.robust.common.codec.CodecException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.Cifar10CDirectory;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.imaging.corruption.Corruptor;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /corruptions}: fills the {@code cifar10c.<name>} topics, keyed {@code severity/index} (index = the
 * clean test image's index), either from a CIFAR-10-C directory in the released layout or by generating the chosen
 * corruptions and severities from {@code cifar10.test} with the imaging library (seeded per corruption, severity and
 * index, so a regeneration writes the same bytes under the same keys). {@code limitPerSeverity} keeps the first N
 * images by index of each severity, so small profiles stay fast.
 */
@ApplicationScoped
public class CorruptionIngest {
    /** A cap, not a size (a severity holds 10,000 images in the release); bounded so a typo is caught. */
    public static final int MAX_LIMIT_PER_SEVERITY = 1_000_000;
    public static final String KIND = "corruptions";
    /** {@code dataset} header of released CIFAR-10-C images: their clean source is the CIFAR-10 test set. */
    private static final String RELEASED_DATASET = "cifar10";

    private final IngestJobs jobs;
    private final DataRoot dataRoot;
    private final ImagePublisher publisher;
    private final TopicInventory inventory;
    private final TopicReader reader;
    private final DeadLetterPublisher deadLetters;
    private final RenderPool renderPool;
    private final AugmentSettings.Ingest settings;

    CorruptionIngest(IngestJobs jobs, DataRoot dataRoot, ImagePublisher publisher, TopicInventory inventory,
                     TopicReader reader, DeadLetterPublisher deadLetters, RenderPool renderPool, AugmentSettings settings) {
        this.jobs = jobs;
        this.dataRoot = dataRoot;
        this.publisher = publisher;
        this.inventory = inventory;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.renderPool = renderPool;
        this.settings = settings.ingest();
    }

    /**
     * What a client posts. {@code directory} set: ingest that CIFAR-10-C directory; absent: generate from
     * {@code cifar10.test}. {@code corruptions} (ids) and {@code severities} default to all.
     */
    public record Request(String directory, List<String> corruptions, List<Integer> severities,
                          Integer limitPerSeverity) {
    }

    private record Plan(Path directory, List<Corruption> corruptions, List<Integer> severities, int limit) {
    }

    public IngestJob submit(Request request) {
        Plan plan = validate(request);
        return jobs.submit(KIND, request, job -> {
            if (plan.directory() != null) ingestDirectory(job, plan);
            else generate(job, plan);
            job.succeeded(topics(plan.corruptions()));
        });
    }

    public List<TopicInventory.CorruptionTopic> topics(List<Corruption> corruptions) throws TimeoutException {
        List<TopicInventory.CorruptionTopic> topics = new ArrayList<>();
        for (Corruption corruption : corruptions) topics.add(inventory.corruptionTopic(corruption));
        return topics;
    }

    public List<IngestJob.Status> jobs() {
        return jobs.all(KIND);
    }

    private Plan validate(Request request) {
        Path directory = request.directory() == null ? null : dataRoot.resolve("directory", request.directory());
        List<Corruption> corruptions = new ArrayList<>();
        if (request.corruptions() == null || request.corruptions().isEmpty()) {
            corruptions.addAll(Corruption.all());
        } else {
            for (String id : new TreeSet<>(request.corruptions())) {
                try {
                    corruptions.add(Corruption.fromId(id));
                } catch (BadInputException e) {
                    throw new InvalidFieldException("corruptions", e.getMessage());
                }
            }
        }
        List<Integer> severities = request.severities() == null || request.severities().isEmpty()
                ? List.of(1, 2, 3, 4, 5) : List.copyOf(new TreeSet<>(request.severities()));
        for (int severity : severities) {
            if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
                throw new InvalidFieldException("severities", "severities must be 1..5, got " + severity);
            }
        }
        Integer limit = request.limitPerSeverity();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT_PER_SEVERITY)) {
            throw new InvalidFieldException("limitPerSeverity", "limitPerSeverity must be 1.."
                    + MAX_LIMIT_PER_SEVERITY + ", got " + limit);
        }
        return new Plan(directory, corruptions, severities, limit == null ? Integer.MAX_VALUE : limit);
    }

    private void ingestDirectory(IngestJob job, Plan plan) throws IOException {
        Cifar10CDirectory release = new Cifar10CDirectory(plan.directory());
        for (Corruption corruption : plan.corruptions()) {
            if (!release.corruptions().contains(corruption)) {
                throw new BadInputException(plan.directory() + ": no " + corruption.id() + ".npy");
            }
        }
        int perSeverity = Math.min(plan.limit(), release.imagesPerSeverity());
        expectEach(job, plan, perSeverity);
        for (Corruption corruption : plan.corruptions()) {
            String topic = Topics.cifar10c(corruption);
            ImagePublisher.Batch batch = publisher.open(job, topic, RELEASED_DATASET, null);
            for (int severity : plan.severities()) {
                release.read(corruption, severity, image -> {
                    if (image.index() < perSeverity) {
                        batch.send(RecordKeys.corruptedImage(severity, image.index()), LabeledImageCodec.encode(image));
                    }
                });
            }
            batch.finish();
        }
    }

    private void generate(IngestJob job, Plan plan) throws Exception {
        TreeMap<Long, LabeledImage> test = new TreeMap<>();
        AtomicReference<String> dataset = new AtomicReference<>("unknown");
        reader.readAll(Topics.CIFAR10_TEST, settings.readTimeout(), record -> {
            if (record.value() == null) {
                withdraw(test, record.key());
                return;
            }
            try {
                LabeledImage image = LabeledImageCodec.decode(record.value());
                test.put(image.index(), image);
                String label = RecordHeaders.text(record.headers(), Topics.HEADER_DATASET);
                if (label != null) dataset.set(label);
            } catch (CodecException e) {
                deadLetters.reject(record, e);
            }
        });
        if (test.isEmpty()) {
            throw new BadInputException(Topics.CIFAR10_TEST + " is empty: ingest a data set (POST /datasets) first");
        }
        List<LabeledImage> images = new ArrayList<>(test.values()).subList(0, Math.min(plan.limit(), test.size()));
        expectEach(job, plan, images.size());
        for (Corruption corruption : plan.corruptions()) {
            String topic = Topics.cifar10c(corruption);
            ImagePublisher.Batch batch = publisher.open(job, topic, dataset.get(), null);
            for (int severity : plan.severities()) {
                byte[][] encoded = renderPool.render(images.size(), i -> {
                    LabeledImage clean = images.get(i);
                    var corrupted = Corruptor.apply(corruption, severity, clean.image(),
                            Corruptor.randomFor(settings.corruptionSeed(), corruption, severity, clean.index()));
                    return LabeledImageCodec.encode(new LabeledImage(clean.index(), clean.label(), corrupted));
                });
                for (int i = 0; i < images.size(); i++) {
                    batch.send(RecordKeys.corruptedImage(severity, images.get(i).index()), encoded[i]);
                }
            }
            batch.finish();
        }
    }

    private static void expectEach(IngestJob job, Plan plan, int imagesPerSeverity) {
        for (Corruption corruption : plan.corruptions()) {
            job.expect(Topics.cifar10c(corruption), (long) imagesPerSeverity * plan.severities().size());
        }
    }

    /** A tombstone withdraws the image stored under its key; one whose key is no index withdraws nothing. */
    private static void withdraw(TreeMap<Long, LabeledImage> images, String key) {
        try {
            images.remove(Long.parseLong(key));
        } catch (NumberFormatException e) {
            // nothing was stored under it
        }
    }
}
