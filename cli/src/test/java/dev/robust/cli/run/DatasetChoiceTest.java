package dev.robust.cli.run;

import dev.robust.common.BadInputException;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetChoiceTest {
    private static final DatasetChoice.Download OFFLINE = directory -> {
        throw new BadInputException("cannot reach the download host");
    };

    @TempDir
    Path temp;

    @Test
    void prefersTheExtractedCifar10InTheLocalDataDirectory() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data/cifar-10-batches-bin"));
        DataPlan plan = new DatasetChoice(data.getParent(), temp.resolve("out"), OFFLINE)
                .choose(null, "generate", RunProfile.named("quick"));
        assertEquals("cifar10:cifar-10-batches-bin", plan.datasetSpec());
        assertEquals(data.getParent(), plan.dataRoot());
        assertNull(plan.cifar10cDirectory());
        assertTrue(!plan.synthetic());
    }

    @Test
    void fallsBackToSyntheticSizedForTheProfileAndSaysWhyWhenOffline() throws IOException {
        DataPlan plan = new DatasetChoice(temp.resolve("data"), temp.resolve("out"), OFFLINE)
                .choose(null, "generate", RunProfile.named("ci"));
        assertTrue(plan.synthetic());
        // ci: 384 + 128 training images, but 128 clean test images need 5 × 128 training images.
        assertEquals("synthetic:640", plan.datasetSpec());
        assertTrue(plan.datasetNote().contains("SYNTHETIC") && plan.datasetNote().contains("cannot reach"),
                plan.datasetNote());
        assertEquals(temp.resolve("out/data"), plan.dataRoot());
    }

    @Test
    void usesADownloadedArchive() throws IOException {
        Path archive = temp.resolve("data/cifar-10-binary.tar.gz");
        DataPlan plan = new DatasetChoice(temp.resolve("data"), temp.resolve("out"), directory -> archive)
                .choose(null, "generate", RunProfile.named("quick"));
        assertEquals("cifar10:cifar-10-binary.tar.gz", plan.datasetSpec());
    }

    @Test
    void keepsAnExplicitSyntheticSize() throws IOException {
        DataPlan plan = new DatasetChoice(temp, temp.resolve("out"), OFFLINE)
                .choose("synthetic:1000", "generate", RunProfile.named("ci"));
        assertEquals("synthetic:1000", plan.datasetSpec());
    }

    @Test
    void putsDatasetAndCifar10cUnderOneDataRoot() throws IOException {
        Path dataset = Files.createDirectories(temp.resolve("a/images"));
        Path cifar10c = Files.createDirectories(temp.resolve("b/CIFAR-10-C"));
        DataPlan plan = new DatasetChoice(temp, temp.resolve("out"), OFFLINE)
                .choose("imagefolder:" + dataset, cifar10c.toString(), RunProfile.named("ci"));
        assertEquals(temp, plan.dataRoot());
        assertEquals("imagefolder:a/images", plan.datasetSpec());
        assertEquals("b/CIFAR-10-C", plan.cifar10cDirectory());
    }

    @Test
    void rejectsAMissingDatasetPathAndCifar10cAsTheDataset() {
        DatasetChoice choice = new DatasetChoice(temp, temp.resolve("out"), OFFLINE);
        BadInputException missing = assertThrows(BadInputException.class,
                () -> choice.choose("cifar10:" + temp.resolve("nope"), "generate", RunProfile.named("ci")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        assertThrows(BadInputException.class,
                () -> choice.choose("cifar10c:" + temp, "generate", RunProfile.named("ci")));
    }

    @Test
    void commonAncestorIsTheDeepestSharedDirectory() {
        assertEquals(Path.of("/x"), DatasetChoice.commonAncestor(List.of(Path.of("/x/a/f.tar.gz"), Path.of("/x/b"))));
        assertEquals(Path.of("/x"), DatasetChoice.commonAncestor(List.of(Path.of("/x/a"), Path.of("/x/a/b"))));
    }
}
