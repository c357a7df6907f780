package dev.robust.bench;

import dev.robust.engine.Batch;
import dev.robust.engine.Compute;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One engine and model in every way it can compute ({@link Compute}): the FP32 baseline without levers, each lever
 * alone, all levers, and bf16 where the engine offers it. All variants live in one JVM and are timed in rounds,
 * one block of training and one of inference steps per variant per round, so load from elsewhere falls on all of
 * them alike; the bare libtorch loop (when given) runs between rounds. Rates are medians over the rounds.
 */
final class ComputeThroughput {

    /** One way of computing, its median rates, and those of the bare loop measured between its rounds. */
    record Row(Engine engine, ModelSize model, String variant, Precision precision, double train, double infer,
               double baselineTrain, double baselineInfer, PeerBench.Rates peer, OptionalLong multiplyAdds) {
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final PeerBench peer;

    ComputeThroughput(BenchSettings settings, Consumer<String> progress, PeerBench peer) {
        this.settings = settings;
        this.progress = progress;
        this.peer = peer;
    }

    List<Row> measure(Engine engine, ModelSize size) {
        Map<String, Compute> variants = variants(engine);
        Map<String, Model> models = new LinkedHashMap<>();
        ModelSpec spec = ModelSpec.of(size.architecture(), size.side(), 10, 42);
        variants.forEach((name, compute) -> models.put(name, engine.create(spec, compute)));
        Batch batch = TrainingThroughput.randomBatch(settings.batch(), size.side(), 1);
        for (Model model : models.values()) {
            for (int i = 0; i < settings.warmUp(); i++) {
                model.trainTeacher(batch);
                model.predict(batch);
            }
        }
        Map<String, List<Double>> train = new LinkedHashMap<>();
        Map<String, List<Double>> infer = new LinkedHashMap<>();
        List<PeerBench.Rates> peerRates = new ArrayList<>();
        int rounds = settings.computeRounds();
        for (int round = 1; round <= rounds; round++) {
            progress.accept(engine.name() + " " + size + ": compute variants, round " + round + " of " + rounds + " ("
                    + String.join(", ", variants.keySet()) + ")");
            for (Map.Entry<String, Model> entry : models.entrySet()) {
                Model model = entry.getValue();
                train.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add(rate(() -> model.trainTeacher(batch)));
                infer.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(rate(() -> model.predict(batch)));
            }
            if (peer != null && peer.offers(size) && (round < rounds || rounds == 1)) {
                progress.accept("bare libtorch loop " + size + " (peer-bench), between rounds");
                peerRates.add(peer.measure(size, settings.batch(), settings.warmUp(), settings.steps()));
            }
        }
        PeerBench.Rates peerMedian = PeerBench.Rates.median(peerRates);
        double baseTrain = median(train.get(BASELINE));
        double baseInfer = median(infer.get(BASELINE));
        OptionalLong multiplyAdds = models.get(BASELINE).multiplyAdds();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Model> entry : models.entrySet()) {
            rows.add(new Row(engine, size, entry.getKey(), entry.getValue().precision(),
                    median(train.get(entry.getKey())), median(infer.get(entry.getKey())), baseTrain, baseInfer,
                    peerMedian, multiplyAdds));
        }
        return rows;
    }

    static final String BASELINE = "fp32 baseline";

    /** The baseline, each lever alone, all levers, and bf16 without and with all levers where offered. */
    static Map<String, Compute> variants(Engine engine) {
        Map<String, Compute> variants = new LinkedHashMap<>();
        variants.put(BASELINE, Compute.BASELINE);
        Set<String> levers = new TreeSet<>(engine.levers());
        for (String lever : levers) variants.put("fp32 + " + lever, Compute.exactly(Precision.FP32, Set.of(lever)));
        if (levers.size() > 1) variants.put("fp32 + all levers", Compute.exactly(Precision.FP32, levers));
        if (engine.precisions().contains(Precision.BF16)) {
            variants.put("bf16", Compute.exactly(Precision.BF16, Set.of()));
            if (!levers.isEmpty()) variants.put("bf16 + all levers", Compute.exactly(Precision.BF16, levers));
        }
        return variants;
    }

    /** Images/s of {@code settings.steps()} steps. */
    private double rate(Runnable step) {
        step.run();
        long start = System.nanoTime();
        for (int i = 0; i < settings.steps(); i++) step.run();
        return (double) settings.steps() * settings.batch() / ((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
