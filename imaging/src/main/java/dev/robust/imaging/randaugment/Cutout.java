package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;

/**
 * Fills a square of side 2·halfSize, centred on a uniformly drawn pixel and clipped to the image, with a grey level.
 */
final class Cutout {
    private Cutout() {
    }

    static UInt8Image apply(UInt8Image image, int halfSize, int fill, ImageRandom random) {
        int centreY = random.nextInt(image.height());
        int centreX = random.nextInt(image.width());
        return fillSquare(image, centreY, centreX, halfSize, fill);
    }

    static UInt8Image fillSquare(UInt8Image image, int centreY, int centreX, int halfSize, int fill) {
        UInt8Image out = image.copy();
        byte[] dst = out.data();
        int channels = image.channels();
        int y0 = Math.max(0, centreY - halfSize);
        int y1 = Math.min(image.height(), centreY + halfSize);
        int x0 = Math.max(0, centreX - halfSize);
        int x1 = Math.min(image.width(), centreX + halfSize);
        for (int y = y0; y < y1; y++) {
            int from = (y * image.width() + x0) * channels;
            java.util.Arrays.fill(dst, from, from + Math.max(0, x1 - x0) * channels, (byte) fill);
        }
        return out;
    }
}
