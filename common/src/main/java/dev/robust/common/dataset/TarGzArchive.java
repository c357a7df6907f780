package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Streams the regular files of a gzip-compressed tar archive, one pass, without extracting to disk. */
final class TarGzArchive {
    /** Receives each file; it may read {@code content} (bounded to the entry) and must not close it. */
    interface FileVisitor {
        void visit(String name, long size, InputStream content) throws IOException;
    }

    private static final int BUFFER_SIZE = 1 << 16;

    private TarGzArchive() {
    }

    static boolean isTarGz(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".gz");
    }

    static void forEachFile(Path archive, FileVisitor visitor) throws IOException {
        if (!Files.exists(archive)) throw new NoSuchFileException(archive.toString());
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), BUFFER_SIZE);
             InputStream gzip = openGzip(archive, file);
             TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(gzip, BUFFER_SIZE))) {
            boolean anyEntry = false;
            TarArchiveEntry entry;
            while ((entry = nextEntry(archive, tar)) != null) {
                anyEntry = true;
                if (entry.isFile()) visitor.visit(entry.getName(), entry.getSize(), tar);
            }
            if (!anyEntry) throw notATar(archive, "it holds no tar entries");
        }
    }

    private static InputStream openGzip(Path archive, InputStream file) throws IOException {
        try {
            return new GZIPInputStream(file, BUFFER_SIZE);
        } catch (ZipException e) {
            throw new BadInputException(archive + ": not a gzip file (" + e.getMessage() + ")");
        }
    }

    private static TarArchiveEntry nextEntry(Path archive, TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (ZipException e) {
            throw new BadInputException(archive + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw notATar(archive, e.getMessage());
        }
    }

    private static BadInputException notATar(Path archive, String why) {
        return new BadInputException(archive + ": not a tar archive inside the gzip (" + why + ")");
    }
}
