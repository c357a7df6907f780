package dev.robust.imaging.corruption;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrostTest {

    @Test
    void photographsAreScaledByAFifthAsOpenCvDoes() throws IOException {
        // Sizes and pixels of cv2.resize(cv2.imread(f), (0, 0), fx=0.2, fy=0.2) on the five files (OpenCV 4.6):
        // round(side · 0.2), and every output pixel (y, x) equals the source pixel (5y + 2, 5x + 2).
        int[][] sizes = {{120, 180}, {63, 112}, {63, 112}, {70, 105}, {99, 132}};
        for (int i = 0; i < sizes.length; i++) {
            UInt8Image small = Frost.photo(i);
            assertEquals(sizes[i][0], small.height(), "photo " + i);
            assertEquals(sizes[i][1], small.width(), "photo " + i);
        }
        Raster original = original("frost4.jpg");
        int[] pixel = new int[3];
        for (int[] at : new int[][] {{0, 0}, {17, 61}, {69, 104}}) {
            original.getPixel(5 * at[1] + 2, 5 * at[0] + 2, pixel);
            for (int c = 0; c < 3; c++) assertEquals(pixel[c], Frost.photo(3).get(at[0], at[1], c));
        }
    }

    @Test
    void blendsTheDrawnWindowWithTheSeverityWeightsAndTruncates() {
        UInt8Image black = TestImages.flat(32, 32, 0);
        UInt8Image out = Corruptor.apply(Corruption.FROST, 5, black, ImageRandom.forImage(7));
        // The same draws as the corruption: photograph, top row, left column.
        ImageRandom replay = ImageRandom.forImage(7);
        UInt8Image photo = Frost.photo(replay.nextInt(5));
        int top = replay.nextInt(photo.height() - 32);
        int left = replay.nextInt(photo.width() - 32);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                for (int c = 0; c < 3; c++) {
                    assertEquals((int) (0.45 * photo.get(top + y, left + x, c)), out.get(y, x, c));
                }
        // Severity 1 keeps the whole image and adds 0.2 of the frost: white stays white (clipped).
        assertEquals(TestImages.flat(32, 32, 255),
                Corruptor.apply(Corruption.FROST, 1, TestImages.flat(32, 32, 255), ImageRandom.forImage(8)));
    }

    @Test
    void eachImageGetsAWindowOfItsOwn() {
        // Frost on black is the window alone (times 0.4).
        Set<UInt8Image> windows = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            windows.add(Corruptor.apply(Corruption.FROST, 3, TestImages.flat(32, 32, 0), ImageRandom.forImage(i)));
        }
        assertTrue(windows.size() == 20, windows.size() + " distinct windows of 20");
    }

    private static Raster original(String name) throws IOException {
        try (InputStream in = Frost.class.getResourceAsStream("frost/" + name)) {
            return ImageIO.read(in).getRaster();
        }
    }
}
