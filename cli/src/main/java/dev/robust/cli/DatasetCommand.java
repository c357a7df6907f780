package dev.robust.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.ClassNames;
import dev.robust.common.dataset.Cifar10CDirectory;
import dev.robust.common.dataset.DatasetSource;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.dataset.Split;
import dev.robust.common.image.UInt8Image;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code robust dataset ...}: tools for the data sets the pipeline reads. */
@Command(name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Work with data sets.",
        subcommands = DatasetCommand.Inspect.class)
public final class DatasetCommand {

    /** Reads a whole data set, validating every record, and prints what is in it as one JSON object. */
    @Command(name = "inspect",
            mixinStandardHelpOptions = true,
            description = {"Read a data set, check every record and print a JSON summary: format, label, classes, "
                    + "image shape, and per split the image count and label histogram (for CIFAR-10-C: each "
                    + "corruption with its rows and severities)."})
    static final class Inspect implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Parameters(paramLabel = "<spec>", converter = SpecConverter.class,
                description = "cifar10:<dir|tar.gz>, imagefolder:<dir|tar.gz>, cifar10c:<dir> or synthetic[:N]")
        DatasetSpec spec;

        @CommandLine.Spec
        CommandSpec command;

        @Override
        public Integer call() throws IOException {
            ObjectNode summary = spec.kind() == DatasetSpec.Kind.CIFAR10C
                    ? describe(spec.openCorruptions())
                    : describe(spec.open());
            command.commandLine().getOut().println(JSON.writeValueAsString(summary));
            return 0;
        }

        private static ObjectNode describe(DatasetSource source) throws IOException {
            ObjectNode json = JSON.createObjectNode();
            json.put("format", source.format());
            json.put("label", source.label());
            json.set("classes", JSON.valueToTree(source.classNames()));
            ObjectNode splits = json.putObject("splits");
            int[] shape = null;
            for (Split split : source.splits()) {
                long[] histogram = new long[source.classNames().size()];
                int[][] firstShape = {null};
                long[] count = {0};
                source.read(split, image -> {
                    histogram[image.label()]++;
                    count[0]++;
                    if (firstShape[0] == null) firstShape[0] = shapeOf(image.image());
                });
                ObjectNode node = splits.putObject(split.id());
                node.put("count", count[0]);
                node.set("label_histogram", histogram(source.classNames(), histogram));
                if (shape == null) shape = firstShape[0];
            }
            json.set("image_shape", JSON.valueToTree(shape));
            return json;
        }

        private static ObjectNode describe(Cifar10CDirectory release) {
            ObjectNode json = JSON.createObjectNode();
            json.put("format", Cifar10CDirectory.FORMAT);
            json.put("label", Cifar10CDirectory.FORMAT);
            json.set("classes", JSON.valueToTree(ClassNames.CIFAR10));
            json.set("image_shape", JSON.valueToTree(new int[] {32, 32, 3}));
            json.put("rows", release.rows());
            json.put("images_per_severity", release.imagesPerSeverity());
            long[] histogram = new long[ClassNames.CIFAR10.size()];
            for (byte label : release.labels()) histogram[label]++;
            json.set("label_histogram", histogram(ClassNames.CIFAR10, histogram));
            ObjectNode corruptions = json.putObject("corruptions");
            for (Corruption corruption : release.corruptions()) {
                ObjectNode node = corruptions.putObject(corruption.id());
                node.put("rows", release.rows());
                ArrayNode severities = node.putArray("severities");
                for (int s = Corruption.MIN_SEVERITY; s <= Corruption.MAX_SEVERITY; s++) severities.add(s);
            }
            ArrayNode missing = json.putArray("missing_corruptions");
            for (Corruption corruption : Corruption.values()) {
                if (!release.corruptions().contains(corruption)) missing.add(corruption.id());
            }
            return json;
        }

        private static ObjectNode histogram(List<String> classNames, long[] counts) {
            ObjectNode node = JSON.createObjectNode();
            for (int label = 0; label < counts.length; label++) node.put(classNames.get(label), counts[label]);
            return node;
        }

        private static int[] shapeOf(UInt8Image image) {
            return new int[] {image.height(), image.width(), image.channels()};
        }
    }

    /** A malformed spec is a usage error (exit 2); a well-formed one naming bad data fails later (exit 1). */
    static final class SpecConverter implements CommandLine.ITypeConverter<DatasetSpec> {
        @Override
        public DatasetSpec convert(String value) {
            try {
                return DatasetSpec.parse(value);
            } catch (BadInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
