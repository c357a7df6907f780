package dev.robust.imaging.corruption;

import dev.robust.common.image.UInt8Image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes with the JDK's baseline JPEG encoder (IJG quality scaling of the standard tables, 4:2:0 chroma, as the
 * reference's PIL save does) and decodes again. The one place the imaging code touches AWT: the JPEG codec needs a
 * {@link BufferedImage}. Codec instances are per thread because they are not thread-safe.
 */
final class JpegRoundTrip {
    private static final ThreadLocal<ImageWriter> WRITER =
            ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());
    private static final ThreadLocal<ImageReader> READER =
            ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

    static {
        ImageIO.setUseCache(false);
    }

    private JpegRoundTrip() {
    }

    static UInt8Image apply(UInt8Image image, int quality) {
        int h = image.height();
        int w = image.width();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        for (int i = 0; i < src.length; i += 3) {
            bgr[i] = src[i + 2];
            bgr[i + 1] = src[i + 1];
            bgr[i + 2] = src[i];
        }
        try {
            BufferedImage decoded = decode(encode(rgb, quality));
            byte[] out = new byte[src.length];
            int o = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int argb = decoded.getRGB(x, y);
                    out[o++] = (byte) (argb >> 16);
                    out[o++] = (byte) (argb >> 8);
                    out[o++] = (byte) argb;
                }
            return new UInt8Image(h, w, 3, out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG round trip at quality " + quality + " failed", e);
        }
    }

    private static byte[] encode(BufferedImage image, int quality) throws IOException {
        ImageWriter writer = WRITER.get();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        ImageReader reader = READER.get();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.reset();
        }
    }
}
