package dev.robust.engine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.SwaAverager;
import dev.robust.engine.SwaSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Engine} does alike, whichever library runs it: the architectures' sizes, learning the
 * coloured-squares problem as teacher, after SWA and as student, batch-norm statistics, and checkpoints. An engine
 * module runs it through a small subclass that names the engine and exposes its training-mode forward pass.
 */
public abstract class EngineContractTest {

    private static final int SIDE = 12;
    private static final int CLASSES = 10;

    private final Engine engine;

    /** Tests the engine users select as {@code engineName}, found the way they find it. */
    protected EngineContractTest(String engineName) {
        engine = Engines.named(engineName);
    }

    protected final Engine engine() {
        return engine;
    }

    /**
     * The model's logits for {@code batch} in training mode (each batch-norm layer normalising with the batch's own
     * statistics), without an optimiser step.
     */
    protected abstract Logits trainingModeLogits(Model model, Batch batch);

    // Architectures

    @Test
    void resnet50v2MatchesKerasParameterCountAndRunsAForwardPass() {
        Model model = engine().create(ModelSpec.of("resnet50v2", 72, CLASSES, 1));
        assertEquals(23_585_290, model.parameterCount());
        assertEquals(23_585_290, model.parameters().length);
        Logits logits = model.predict(SyntheticBatches.randomPixels(2, 72, 3));
        assertEquals(2, logits.rows());
        assertEquals(CLASSES, logits.classes());
    }

    @Test
    void resnet20HasTheUsualParameterCount() {
        assertEquals(274_042, engine().create(ModelSpec.of("resnet20", 32, CLASSES, 1)).parameterCount());
    }

    @Test
    void smallCnnHasItsParameterCount() {
        // convs 3·3·(3·32 + 32·64 + 64·128) = 93,024; 4 BN values per channel · 224 = 896; dense 128·10 + 10
        assertEquals(93_024 + 896 + 1_290, engine().create(ModelSpec.of("smallcnn", 32, CLASSES, 1)).parameterCount());
    }

    @Test
    void sameSeedGivesSameInitialParametersAndAnotherSeedDoesNot() {
        ModelSpec spec = ModelSpec.of("resnet20", 16, CLASSES, 7);
        float[] first = engine().create(spec).parameters();
        assertArrayEquals(first, engine().create(spec).parameters());
        assertFalse(Arrays.equals(first, engine().create(ModelSpec.of("resnet20", 16, CLASSES, 8)).parameters()));
    }

    @Test
    void parametersRoundTripThroughAnotherModel() {
        Model source = engine().create(ModelSpec.of("smallcnn", SIDE, CLASSES, 1));
        source.trainTeacher(SyntheticBatches.colouredSquares(8, SIDE, 1));
        Model target = engine().create(ModelSpec.of("smallcnn", SIDE, CLASSES, 2));

        target.setParameters(source.parameters());

        assertArrayEquals(source.parameters(), target.parameters());
        Batch batch = SyntheticBatches.colouredSquares(4, SIDE, 2);
        assertArrayEquals(source.predict(batch).values(), target.predict(batch).values());
        var error = assertThrows(IllegalArgumentException.class, () -> target.setParameters(new float[3]));
        assertTrue(error.getMessage().contains("95210"), error.getMessage());
    }

    @Test
    void unknownArchitectureIsRejectedWithTheKnownOnes() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> engine().create(ModelSpec.of("vgg99", 32, CLASSES, 1)));
        assertTrue(error.getMessage().contains("resnet20"), error.getMessage());
    }

    @Test
    void batchOfTheWrongSizeIsRejectedWithBothShapes() {
        Model model = engine().create(ModelSpec.of("smallcnn", 16, CLASSES, 1));
        var error = assertThrows(IllegalArgumentException.class,
                () -> model.predict(SyntheticBatches.randomPixels(2, 12, 1)));
        assertTrue(error.getMessage().contains("16x16x3") && error.getMessage().contains("12x12x3"), error.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> model.trainTeacher(
                new Batch(new byte[16 * 16 * 3], new int[] {CLASSES}, 1, 16, 16, 3)));
        assertTrue(label.getMessage().contains("label 10"), label.getMessage());
    }

    // Training

    @Test
    void teacherLearnsThenSwaAverageWithRecomputedStatisticsStillClassifies() {
        Model teacher = engine().create(ModelSpec.of("smallcnn", SIDE, CLASSES, 42));
        List<Batch> train = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            train.add(SyntheticBatches.colouredSquares(16, SIDE, 100 + i));
        }
        Batch validation = SyntheticBatches.colouredSquares(200, SIDE, 7);
        SwaSchedule schedule = new SwaSchedule(45, 5);
        SwaAverager averager = new SwaAverager();
        long step = 0;
        double firstEpochLoss = 0;
        double lastEpochLoss = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            double loss = 0;
            for (Batch batch : train) {
                loss += teacher.trainTeacher(batch);
                if (schedule.snapshotAt(step++)) {
                    averager.add(teacher.parameters());
                }
            }
            firstEpochLoss = epoch == 0 ? loss / train.size() : firstEpochLoss;
            lastEpochLoss = loss / train.size();
        }
        assertTrue(lastEpochLoss < firstEpochLoss * 0.7, "loss " + firstEpochLoss + " -> " + lastEpochLoss);
        // After 90 steps the batch-norm running statistics (momentum 0.99) are still partly at their initial
        // values, which costs inference accuracy; recomputing them (as SWA does) removes that lag.
        double accuracy = teacher.predict(validation).accuracy(validation.labels());
        assertTrue(accuracy > 0.3, "teacher accuracy " + accuracy + " should clearly beat chance (0.1)");

        teacher.setParameters(averager.average());
        assertArrayEquals(averager.average(), teacher.parameters());
        teacher.recomputeBatchNormStatistics(train);
        double swaAccuracy = teacher.predict(validation).accuracy(validation.labels());
        assertTrue(swaAccuracy > 0.6, "SWA accuracy " + swaAccuracy + " should clearly beat chance (0.1)");
        System.out.printf("%s, accuracy on 200 synthetic images: teacher %.3f, SWA + recomputed BN %.3f%n",
                engine().name(), accuracy, swaAccuracy);

        Model student = engine().create(ModelSpec.of("smallcnn", SIDE, CLASSES, 43));
        for (int epoch = 0; epoch < 3; epoch++) {
            for (Batch batch : train) {
                student.trainStudent(batch, teacher.predict(batch), 10.0);
            }
        }
        double studentAccuracy = student.predict(validation).accuracy(validation.labels());
        System.out.printf("%s, accuracy on 200 synthetic images: student %.3f%n", engine().name(), studentAccuracy);
        assertTrue(studentAccuracy > 0.3, "student accuracy " + studentAccuracy + " should clearly beat chance (0.1)");
    }

    @Test
    void learningRateCanBeLowered() {
        Model model = engine().create(ModelSpec.of("smallcnn", SIDE, CLASSES, 1));
        assertEquals(1e-3, model.learningRate(), 1e-12);
        model.setLearningRate(1e-4);
        assertEquals(1e-4, model.learningRate(), 1e-12);
    }

    @Test
    void studentTrainingReportsTheReferenceLossOfItsTrainingModeLogits() {
        Model model = engine().create(ModelSpec.of("smallcnn", 16, CLASSES, 2));
        Batch batch = SyntheticBatches.colouredSquares(5, 16, 9);
        Logits before = trainingModeLogits(model, batch);
        Logits teacher = DistillationCase.draw(5, CLASSES, 5).teacher();

        double reported = model.trainStudent(batch, teacher, 10.0);

        assertEquals(new DistillationCase(before, teacher, batch.labels()).expectedStudentLoss(10.0), reported, 1e-4);
    }

    // Batch-norm statistics

    @Test
    void statisticsRecomputedFromOneBatchMakeInferenceEqualTrainingModeOnThatBatch() {
        // Training mode normalises with the batch's own mean and variance; once those are the running statistics,
        // inference must give the same logits, through every batch-norm layer of a residual network.
        Model model = engine().create(ModelSpec.of("resnet20", 16, CLASSES, 4));
        Batch batch = SyntheticBatches.colouredSquares(16, 16, 2);
        model.trainTeacher(batch);

        model.recomputeBatchNormStatistics(List.of(batch));
        float[] inference = model.predict(batch).values();

        assertArrayEquals(trainingModeLogits(model, batch).values(), inference, 1e-4f);
    }

    @Test
    void recomputingFromNoBatchesIsRejected() {
        Model model = engine().create(ModelSpec.of("smallcnn", 8, CLASSES, 4));
        assertThrows(IllegalArgumentException.class, () -> model.recomputeBatchNormStatistics(List.of()));
    }

    // Checkpoints

    @Test
    void loadedModelPredictsExactlyAsSavedAndTrainsOnIdentically(@TempDir Path dir) throws IOException {
        ModelSpec spec = new ModelSpec("smallcnn", 16, 16, 3, CLASSES, 3);
        Model original = engine().create(spec);
        Batch batch = SyntheticBatches.colouredSquares(8, 16, 1);
        original.trainTeacher(batch);
        original.trainTeacher(batch);
        original.setLearningRate(5e-4);
        Path file = dir.resolve("smallcnn.zip");

        original.save(file);
        Model loaded = engine().load(file);

        assertEquals(spec, loaded.spec());
        assertEquals(5e-4, loaded.learningRate(), 1e-12);
        assertArrayEquals(original.parameters(), loaded.parameters());
        assertArrayEquals(original.predict(batch).values(), loaded.predict(batch).values());
        // Adam's step count and moments travel with the checkpoint, so the next steps are the same steps.
        for (int step = 0; step < 2; step++) {
            assertEquals(original.trainTeacher(batch), loaded.trainTeacher(batch), 1e-6);
        }
        assertArrayEquals(original.parameters(), loaded.parameters(), 1e-6f);
    }

    @Test
    void missingOrForeignFilesFailWithTheirPath(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.zip");
        var notThere = assertThrows(IOException.class, () -> engine().load(missing));
        assertTrue(notThere.getMessage().contains(missing.toString()), notThere.getMessage());
        Path foreign = Files.writeString(dir.resolve("foreign.zip"), "not a zip");
        var notOurs = assertThrows(IOException.class, () -> engine().load(foreign));
        assertTrue(notOurs.getMessage().contains(foreign.toString()), notOurs.getMessage());
    }
}
