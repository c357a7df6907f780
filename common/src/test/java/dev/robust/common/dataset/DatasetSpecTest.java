package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSpecTest {
    @Test
    void parsesEveryKind() {
        assertEquals(new DatasetSpec(DatasetSpec.Kind.CIFAR10, Path.of("/d/cifar-10-binary.tar.gz"), 0),
                DatasetSpec.parse("cifar10:/d/cifar-10-binary.tar.gz"));
        assertEquals(DatasetSpec.Kind.IMAGEFOLDER, DatasetSpec.parse("imagefolder:x.tar.gz").kind());
        assertEquals(Path.of("c"), DatasetSpec.parse("cifar10c:c").path());
        assertEquals(SyntheticSource.DEFAULT_TRAIN_SIZE, DatasetSpec.parse("synthetic").trainSize());
        assertEquals(300, DatasetSpec.parse("synthetic:300").trainSize());
    }

    @Test
    void rejectsUnknownKindMissingPathAndBadSize() {
        assertThrows(BadInputException.class, () -> DatasetSpec.parse("mnist:/x"));
        assertThrows(BadInputException.class, () -> DatasetSpec.parse("cifar10"));
        assertThrows(BadInputException.class, () -> DatasetSpec.parse("synthetic:many"));
        assertThrows(BadInputException.class, () -> DatasetSpec.parse("synthetic:3"));
        var tooMany = assertThrows(BadInputException.class, () -> DatasetSpec.parse("synthetic:2000000000"));
        assertTrue(tooMany.getMessage().contains(Integer.toString(DatasetSpec.MAX_SYNTHETIC)), tooMany.getMessage());
        assertEquals(DatasetSpec.MAX_SYNTHETIC,
                DatasetSpec.parse("synthetic:" + DatasetSpec.MAX_SYNTHETIC).trainSize());
    }
}
