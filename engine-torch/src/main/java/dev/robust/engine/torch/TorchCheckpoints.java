package dev.robust.engine.torch;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.robust.engine.ModelSpec;
import dev.robust.engine.ModelSpecEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;

/**
 * Checkpoints of the torch engine ({@value #FORMAT}): a zip of
 * <ul>
 * <li>{@value #SPEC_ENTRY} — the {@link ModelSpec} as properties ({@link ModelSpecEntry}, as the DL4J engine writes it);</li>
 * <li>{@value #TRAINING_ENTRY} — format version and learning rate;</li>
 * <li>{@value #PARAMETERS_ENTRY} — every parameter, batch-norm statistics included, as little-endian float32 in
 * {@link TorchModel#parameters()} order;</li>
 * <li>{@value #OPTIMIZER_ENTRY} — libtorch's own serialisation of the Adam state (step count and moments).</li>
 * </ul>
 * The file is written next to its destination under a temporary name and renamed over it in one step, so a reader
 * never sees half a checkpoint.
 */
final class TorchCheckpoints {

    static final String FORMAT = "torch-zip";
    static final String SPEC_ENTRY = ModelSpecEntry.NAME;
    static final String TRAINING_ENTRY = "training.properties";
    static final String PARAMETERS_ENTRY = "parameters.f32";
    static final String OPTIMIZER_ENTRY = "optimizer.pt";
    private static final String FORMAT_VERSION = "1";

    private TorchCheckpoints() {
    }

    static void save(TorchModel model, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".partial");
        try {
            byte[] optimizer = optimizerState(model, directory);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temporary))) {
                put(zip, SPEC_ENTRY, ModelSpecEntry.write(model.spec()).getBytes(UTF_8));
                Properties training = new Properties();
                training.setProperty("format", FORMAT);
                training.setProperty("version", FORMAT_VERSION);
                training.setProperty("learningRate", Double.toString(model.learningRate()));
                // Every value is ASCII, so Properties' own ISO-8859-1 output is also the UTF-8 the reader decodes.
                zip.putNextEntry(new ZipEntry(TRAINING_ENTRY));
                training.store(zip, null);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMETERS_ENTRY));
                writeFloats(model.parameters(), zip);
                zip.closeEntry();
                put(zip, OPTIMIZER_ENTRY, optimizer);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static TorchModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("checkpoint " + file + " does not exist or is not a file");
        }
        Map<String, byte[]> entries = readEntries(file);
        for (String entry : new String[] {SPEC_ENTRY, TRAINING_ENTRY, PARAMETERS_ENTRY, OPTIMIZER_ENTRY}) {
            if (!entries.containsKey(entry)) {
                throw new IOException("checkpoint " + file + " has no " + entry + " entry; it is not a " + FORMAT
                        + " file written by this engine");
            }
        }
        ModelSpec spec = ModelSpecEntry.read(new String(entries.get(SPEC_ENTRY), UTF_8), file);
        Properties training = new Properties();
        training.load(new StringReader(new String(entries.get(TRAINING_ENTRY), UTF_8)));
        TorchModel model = (TorchModel) new TorchEngine().create(spec);
        byte[] parameterBytes = entries.get(PARAMETERS_ENTRY);
        if (parameterBytes.length != model.parameterCount() * Float.BYTES) {
            throw new IOException("checkpoint " + file + " holds " + parameterBytes.length / Float.BYTES
                    + " parameters, " + spec.architecture() + " has " + model.parameterCount());
        }
        float[] parameters = new float[(int) model.parameterCount()];
        ByteBuffer.wrap(parameterBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(parameters);
        model.setParameters(parameters);
        try (PointerScope scope = new PointerScope()) {
            byte[] optimizer = entries.get(OPTIMIZER_ENTRY);
            InputArchive archive = new InputArchive();
            archive.load_from(new BytePointer(optimizer), optimizer.length);
            model.optimizer().load(archive);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " has an unreadable " + OPTIMIZER_ENTRY + " entry: "
                    + e.getMessage(), e);
        }
        try {
            model.setLearningRate(Double.parseDouble(training.getProperty("learningRate")));
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " has no valid learningRate in " + TRAINING_ENTRY, e);
        }
        return model;
    }

    /** libtorch serialises an optimiser only to a file or a callback; a file beside the checkpoint is simplest. */
    private static byte[] optimizerState(TorchModel model, Path directory) throws IOException {
        Path archiveFile = Files.createTempFile(directory, ".optimizer", ".pt");
        try (PointerScope scope = new PointerScope()) {
            OutputArchive archive = new OutputArchive();
            model.optimizer().save(archive);
            archive.save_to(archiveFile.toString());
            return Files.readAllBytes(archiveFile);
        } finally {
            Files.deleteIfExists(archiveFile);
        }
    }

    private static Map<String, byte[]> readEntries(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (ZipException e) {
            throw new IOException("checkpoint " + file + " is not a readable " + FORMAT + " file: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IOException("checkpoint " + file + " is not a readable " + FORMAT + " file: no zip entries");
        }
        return entries;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static void writeFloats(float[] values, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            if (!buffer.hasRemaining()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putFloat(value);
        }
        out.write(buffer.array(), 0, buffer.position());
    }
}
