package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.UInt8Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Decodes PNG/JPEG bytes into an RGB {@link UInt8Image} with javax.imageio. Safe to call from several threads. */
final class RgbImageDecoder {
    static {
        // Decode from memory; the default disk cache only slows small images down.
        ImageIO.setUseCache(false);
    }

    private RgbImageDecoder() {
    }

    static UInt8Image decode(String name, byte[] encoded) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(name + ": cannot decode image (" + e.getMessage() + ")");
        }
        if (image == null) throw new BadInputException(name + ": not a PNG or JPEG image");
        return toRgb(image);
    }

    private static UInt8Image toRgb(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] rgb = new byte[height * width * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            // The common JPEG case: swap BGR to RGB straight from the raster, no per-pixel colour-model calls.
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
        } else {
            int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
            for (int p = 0; p < argb.length; p++) {
                rgb[3 * p] = (byte) (argb[p] >> 16);
                rgb[3 * p + 1] = (byte) (argb[p] >> 8);
                rgb[3 * p + 2] = (byte) argb[p];
            }
        }
        return new UInt8Image(height, width, 3, rgb);
    }
}
