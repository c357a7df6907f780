package dev.robust.imaging;

import dev.robust.common.image.UInt8Image;

/** Small deterministic images for the imaging tests. */
public final class TestImages {
    private TestImages() {
    }

    /** Every sample set to {@code level}. */
    public static UInt8Image flat(int h, int w, int level) {
        byte[] data = new byte[h * w * 3];
        java.util.Arrays.fill(data, (byte) level);
        return new UInt8Image(h, w, 3, data);
    }

    /** A smooth colourful scene with edges: gradients, a bright disk and a dark bar (like a photo, unlike noise). */
    public static UInt8Image scene(int h, int w) {
        UInt8Image image = UInt8Image.zeros(h, w, 3);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double dy = y - h * 0.4;
                double dx = x - w * 0.55;
                boolean disk = dx * dx + dy * dy < (h * 0.22) * (h * 0.22);
                boolean bar = x > w * 0.1 && x < w * 0.25;
                int r = disk ? 230 : 40 + 150 * x / w;
                int g = disk ? 200 : 60 + 120 * y / h;
                int b = bar ? 20 : 90 + 60 * (x + y) / (h + w);
                image.set(y, x, 0, r);
                image.set(y, x, 1, g);
                image.set(y, x, 2, b);
            }
        return image;
    }

    /** Builds an image from rows of single-channel levels, copied into all three channels. */
    public static UInt8Image grey(int[][] rows) {
        UInt8Image image = UInt8Image.zeros(rows.length, rows[0].length, 3);
        for (int y = 0; y < rows.length; y++)
            for (int x = 0; x < rows[0].length; x++)
                for (int c = 0; c < 3; c++) image.set(y, x, c, rows[y][x]);
        return image;
    }

    /** Channel 0 of the image as rows. */
    public static int[][] channel(UInt8Image image, int c) {
        int[][] rows = new int[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++)
            for (int x = 0; x < image.width(); x++) rows[y][x] = image.get(y, x, c);
        return rows;
    }
}
