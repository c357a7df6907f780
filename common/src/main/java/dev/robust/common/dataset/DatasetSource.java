package dev.robust.common.dataset;

import dev.robust.common.image.LabeledImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A labelled image data set with train and test splits, read by streaming so that a caller decides what to keep in
 * memory. Images come in index order (0, 1, 2, ... within each split), and the same source always yields the same
 * images with the same indices.
 */
public interface DatasetSource {
    /** How the data is stored: {@code cifar10}, {@code imagefolder} or {@code synthetic}. */
    String format();

    /**
     * What the data is, for reports: {@code cifar10} for real CIFAR-10 in any format, {@code synthetic} for
     * generated images, otherwise the folder or archive name.
     */
    String label();

    /** Class names by label index. */
    List<String> classNames();

    /** The splits this source holds, in {@link Split} order. */
    List<Split> splits();

    /** Streams every image of {@code split} in index order; bad input throws {@code BadInputException}. */
    void read(Split split, Consumer<LabeledImage> sink) throws IOException;

    /** All images of {@code split} in memory (3 KB per CIFAR-sized image). */
    default List<LabeledImage> readAll(Split split) throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        read(split, images::add);
        return images;
    }
}
