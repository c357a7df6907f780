package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * 32×32 images in class folders, {@code <root>/{train,test}/<class>/*.{png,jpg,jpeg}}, as a directory or a
 * {@code .tar.gz} of one (any prefix above {@code train/} and {@code test/} is ignored). Decoding runs in parallel on
 * all cores.
 *
 * <p>Index order: within a split, the images sorted by (label, file name) are shuffled by a Fisher–Yates pass with the
 * constant seed {@code INDEX_ORDER_SEED} ({@link SplittableRandom}, specified bit for bit). Sorting first makes the
 * indices independent of how the archive was packed or the directory listed; shuffling makes every prefix of the
 * indices a near-uniform class mix, as in the CIFAR-10 binary release, because callers take "the first N by index"
 * (corruption limits, evaluation caps, training subsets) — in sorted order that would be almost all one class. The
 * same files always get the same indices on every machine; adding or removing a file reorders its split.
 */
public final class ImageFolderSource implements DatasetSource {
    public static final String FORMAT = "imagefolder";
    public static final int SIDE = 32;
    /** Images decoded per parallel batch: large enough to keep every core busy, small enough to bound memory. */
    private static final int DECODE_BATCH = 2048;
    /** Seeds the shuffle that fixes the index order; changing it renumbers every image-folder data set. */
    private static final long INDEX_ORDER_SEED = 20261128L;

    /** One image file found in the folder tree: where it is, which split and class folder it sits in. */
    private record ImageFile(String name, Split split, String className, String fileName) {
    }

    private final Path location;
    private final boolean archive;
    private final Map<Split, List<ImageFile>> files = new EnumMap<>(Split.class);
    private final List<String> classNames;

    public ImageFolderSource(Path location) throws IOException {
        if (!Files.exists(location)) throw new NoSuchFileException(location.toString());
        this.location = location;
        this.archive = !Files.isDirectory(location);
        if (archive && !TarGzArchive.isTarGz(location)) {
            throw new BadInputException(location + ": expected a directory or a .tar.gz of class folders");
        }
        List<ImageFile> found = new ArrayList<>();
        if (archive) {
            TarGzArchive.forEachFile(location, (name, size, content) -> addIfImage(name, found));
        } else {
            try (Stream<Path> walk = Files.walk(location)) {
                walk.filter(Files::isRegularFile)
                        .forEach(file -> addIfImage(location.relativize(file).toString().replace('\\', '/'), found));
            }
        }
        TreeSet<String> classFolders = new TreeSet<>();
        found.forEach(file -> classFolders.add(file.className()));
        if (found.isEmpty()) {
            throw new BadInputException(location + ": no images in train/<class>/ or test/<class>/ folders");
        }
        this.classNames = ClassNames.forFolders(classFolders);
        Comparator<ImageFile> order = Comparator.comparingInt((ImageFile f) -> classNames.indexOf(f.className()))
                .thenComparing(ImageFile::fileName);
        for (Split split : Split.values()) {
            List<ImageFile> ofSplit = found.stream().filter(f -> f.split() == split).sorted(order).toList();
            if (!ofSplit.isEmpty()) files.put(split, shuffled(ofSplit));
        }
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** {@code cifar10} when the classes are CIFAR-10's, otherwise the folder or archive name. */
    @Override
    public String label() {
        if (classNames.equals(ClassNames.CIFAR10)) return Cifar10BinarySource.FORMAT;
        String name = location.getFileName().toString();
        return name.replaceFirst("\\.(tar\\.gz|tgz|gz)$", "");
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<Split> splits() {
        return List.copyOf(files.keySet());
    }

    /** Number of images in {@code split}, known without decoding. */
    public int size(Split split) {
        return files.getOrDefault(split, List.of()).size();
    }

    @Override
    public void read(Split split, Consumer<LabeledImage> sink) throws IOException {
        List<ImageFile> wanted = files.getOrDefault(split, List.of());
        Map<String, byte[]> encoded = archive ? readMembers(split) : null;
        for (int start = 0; start < wanted.size(); start += DECODE_BATCH) {
            List<ImageFile> batch = wanted.subList(start, Math.min(wanted.size(), start + DECODE_BATCH));
            List<byte[]> bytes = new ArrayList<>(batch.size());
            for (ImageFile file : batch) {
                bytes.add(archive ? encoded.remove(file.name()) : Files.readAllBytes(location.resolve(file.name())));
            }
            List<UInt8Image> images = IntStream.range(0, batch.size()).parallel()
                    .mapToObj(i -> decode(batch.get(i), bytes.get(i)))
                    .toList();
            for (int i = 0; i < batch.size(); i++) {
                sink.accept(new LabeledImage(start + i, classNames.indexOf(batch.get(i).className()), images.get(i)));
            }
        }
    }

    /** The index order: a seeded Fisher–Yates shuffle of {@code sorted}, the same for the same files everywhere. */
    private static List<ImageFile> shuffled(List<ImageFile> sorted) {
        List<ImageFile> order = new ArrayList<>(sorted);
        SplittableRandom random = new SplittableRandom(INDEX_ORDER_SEED);
        for (int i = order.size() - 1; i > 0; i--) Collections.swap(order, i, random.nextInt(i + 1));
        return List.copyOf(order);
    }

    private Map<String, byte[]> readMembers(Split split) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        TarGzArchive.forEachFile(location, (name, size, content) -> {
            ImageFile file = imageFile(name);
            if (file != null && file.split() == split) members.put(name, content.readAllBytes());
        });
        return members;
    }

    private String displayName(ImageFile file) {
        return archive ? location + "!" + file.name() : location.resolve(file.name()).toString();
    }

    private UInt8Image decode(ImageFile file, byte[] encoded) {
        String name = displayName(file);
        UInt8Image image = RgbImageDecoder.decode(name, encoded);
        if (image.height() != SIDE || image.width() != SIDE) {
            throw new BadInputException(name + ": image is " + image.width() + "×" + image.height()
                    + ", expected " + SIDE + "×" + SIDE);
        }
        return image;
    }

    private static void addIfImage(String name, List<ImageFile> found) {
        ImageFile file = imageFile(name);
        if (file != null) found.add(file);
    }

    /** Recognises {@code .../<split>/<class>/<file>.{png,jpg,jpeg}}; anything else is not part of the data set. */
    private static ImageFile imageFile(String name) {
        String[] parts = name.split("/");
        if (parts.length < 3) return null;
        String fileName = parts[parts.length - 1];
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (fileName.startsWith(".") || !(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
            return null;
        }
        String splitFolder = parts[parts.length - 3];
        for (Split split : Split.values()) {
            if (split.id().equals(splitFolder)) return new ImageFile(name, split, parts[parts.length - 2], fileName);
        }
        return null;
    }
}
