package dev.robust.imaging.corruption;

import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static dev.robust.imaging.corruption.Frame.CHANNELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/**
 * Frost as the reference generator makes it for 32×32 images: one of five photographs of frost (resources
 * {@code frost/}, Apache-2.0, see the README there) downscaled by 0.2, a random 32×32 window of it, blended as
 * {@code clip(c0·x + c1·frost, 0, 255)} in double precision and truncated to uint8 — the reference's arithmetic,
 * so given the same photograph window the output is the same to the byte. The window is in RGB order: the
 * reference reads the photographs as BGR and reverses the channels of the window before blending.
 */
final class Frost {
    /** Image weight, frost weight per severity. */
    private static final double[][] WEIGHTS = {{1, 0.2}, {1, 0.3}, {0.9, 0.4}, {0.85, 0.4}, {0.75, 0.45}};
    /** The photographs the CIFAR generator draws from, in its order. */
    private static final String[] PHOTOS = {"frost1.png", "frost2.png", "frost3.png", "frost4.jpg", "frost5.jpg"};
    private static final double SCALE = 0.2;
    /**
     * OpenCV's bilinear resize by a factor f reads output pixel d at source (d + 0.5)/f − 0.5, which for f = 0.2 is
     * 5d + 2: a whole pixel, so the interpolation weights vanish and the resize keeps every fifth pixel.
     */
    private static final int STEP = 5;
    private static final int FIRST = 2;

    private Frost() {
    }

    static UInt8Image apply(UInt8Image image, int severity, ImageRandom random) {
        double imageWeight = WEIGHTS[severity - 1][0];
        double frostWeight = WEIGHTS[severity - 1][1];
        UInt8Image photo = Photos.SMALL[random.nextInt(Photos.SMALL.length)];
        // The reference draws the top row, then the left column, each excluding the last possible offset.
        int top = random.nextInt(photo.height() - SIDE);
        int left = random.nextInt(photo.width() - SIDE);
        byte[] src = image.data();
        byte[] frost = photo.data();
        byte[] out = new byte[src.length];
        for (int y = 0; y < SIDE; y++) {
            int from = ((top + y) * photo.width() + left) * CHANNELS;
            for (int i = 0; i < SIDE * CHANNELS; i++) {
                int o = y * SIDE * CHANNELS + i;
                double v = imageWeight * (src[o] & 0xFF) + frostWeight * (frost[from + i] & 0xFF);
                out[o] = (byte) (int) Math.min(255.0, v);
            }
        }
        return new UInt8Image(SIDE, SIDE, CHANNELS, out);
    }

    /** Photograph {@code index} (0..4) downscaled by 0.2, RGB. Shared: callers must not modify it. */
    static UInt8Image photo(int index) {
        return Photos.SMALL[index];
    }

    /** Decoded on first use, so programs that never draw frost never read the photographs. */
    private static final class Photos {
        static final UInt8Image[] SMALL = new UInt8Image[PHOTOS.length];

        static {
            for (int i = 0; i < PHOTOS.length; i++) SMALL[i] = downscale(read(PHOTOS[i]));
        }

        /** The colour samples of a photograph, RGB; a PNG's alpha channel is dropped unblended, as OpenCV does. */
        private static Raster read(String name) {
            String resource = "frost/" + name;
            try (InputStream in = Frost.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
                BufferedImage image = ImageIO.read(in);
                if (image == null || image.getRaster().getNumBands() < CHANNELS) {
                    throw new IllegalStateException(resource + " is not an RGB image ImageIO can decode");
                }
                return image.getRaster();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }

        private static UInt8Image downscale(Raster raster) {
            int height = (int) Math.rint(raster.getHeight() * SCALE);
            int width = (int) Math.rint(raster.getWidth() * SCALE);
            byte[] data = new byte[height * width * CHANNELS];
            int[] pixel = new int[raster.getNumBands()];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) {
                    raster.getPixel(FIRST + STEP * x, FIRST + STEP * y, pixel);
                    for (int c = 0; c < CHANNELS; c++) data[(y * width + x) * CHANNELS + c] = (byte) pixel[c];
                }
            return new UInt8Image(height, width, CHANNELS, data);
        }
    }
}
