package dev.robust.common.dataset;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Class-name lists and the rule that maps class folders to label indices. */
public final class ClassNames {
    /** CIFAR-10's classes in the order of its label bytes. */
    public static final List<String> CIFAR10 = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private ClassNames() {
    }

    /**
     * Label order for class folders: CIFAR-10's own indices when the folders are exactly its classes (so labels
     * agree with the binary release), otherwise sorted by name.
     */
    public static List<String> forFolders(Collection<String> folderNames) {
        Set<String> sorted = new TreeSet<>(folderNames);
        if (sorted.equals(new TreeSet<>(CIFAR10))) return CIFAR10;
        return List.copyOf(sorted);
    }
}
