package dev.robust.cli.run;

import java.nio.file.Path;

/**
 * What a run reads: the data set spec and CIFAR-10-C directory as the augment-service is asked for them (relative
 * to {@code dataRoot}, the only directory it may read), and the words every banner and report uses for them.
 *
 * @param datasetSpec       {@code kind:path} under the data root, or {@code synthetic:N}
 * @param datasetLabel      {@code cifar10}, {@code imagefolder} or {@code synthetic}
 * @param datasetNote       where the data came from, and why when it is not what the user may have expected
 * @param cifar10cDirectory a released CIFAR-10-C directory under the data root; null: generate the corruptions
 */
public record DataPlan(Path dataRoot, String datasetSpec, String datasetLabel, String datasetNote,
                       String cifar10cDirectory) {

    public boolean synthetic() {
        return datasetLabel.equals("synthetic");
    }

    public String cifar10cNote() {
        return cifar10cDirectory == null
                ? "generated from the test images by the project's own corruptions (seeded)"
                : "released CIFAR-10-C files from " + dataRoot.resolve(cifar10cDirectory);
    }
}
