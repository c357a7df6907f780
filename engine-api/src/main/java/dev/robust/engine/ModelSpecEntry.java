package dev.robust.engine;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@link ModelSpec} as every engine's checkpoint carries it: a small properties text in an entry named
 * {@value #NAME}, so a loaded model knows its architecture name, input size, classes and seed whichever library wrote
 * it.
 */
public final class ModelSpecEntry {

    /** The entry's name inside a checkpoint. */
    public static final String NAME = "robust-model-spec";

    private ModelSpecEntry() {
    }

    /** The spec as properties text. */
    public static String write(ModelSpec spec) {
        Properties properties = new Properties();
        properties.setProperty("architecture", spec.architecture());
        properties.setProperty("height", Integer.toString(spec.height()));
        properties.setProperty("width", Integer.toString(spec.width()));
        properties.setProperty("channels", Integer.toString(spec.channels()));
        properties.setProperty("classes", Integer.toString(spec.classes()));
        properties.setProperty("seed", Long.toString(spec.seed()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The spec that {@link #write} wrote into {@code checkpoint}.
     *
     * @param text       the entry's text, or {@code null} when the checkpoint has no such entry
     * @param checkpoint the file the entry comes from, named in errors
     * @throws IOException when the entry is missing, a field is missing or not a number, or the values do not make a
     *                     valid {@link ModelSpec} (the cause says which)
     */
    public static ModelSpec read(String text, Path checkpoint) throws IOException {
        if (text == null) {
            throw new IOException("checkpoint " + checkpoint + " has no " + NAME + " entry; it was not written by this engine");
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        try {
            return new ModelSpec(properties.getProperty("architecture"),
                    Integer.parseInt(properties.getProperty("height")),
                    Integer.parseInt(properties.getProperty("width")),
                    Integer.parseInt(properties.getProperty("channels")),
                    Integer.parseInt(properties.getProperty("classes")),
                    Long.parseLong(properties.getProperty("seed")));
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + checkpoint + " has an unreadable " + NAME + " entry: " + text, e);
        }
    }
}
