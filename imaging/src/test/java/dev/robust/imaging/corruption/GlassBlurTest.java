package dev.robust.imaging.corruption;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.UInt8Image;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Glass blur only moves colours locally: each shuffle pass gives a pixel the colour of a neighbour at most one pixel
 * up and/or left, and the blurs around it are small. A pixel that travels across the image shows up as a stark
 * speck of a colour from elsewhere.
 */
class GlassBlurTest {
    @Test
    void severityOneGivesEachPixelTheColourOfItselfOrAnUpLeftNeighbour() {
        // σ 0.05 makes both blurs the identity, so the output is exactly one shuffle pass of the input. Random
        // colours make every pixel identifiable.
        UInt8Image noise = randomColours(7);
        for (long index = 0; index < 20; index++) {
            UInt8Image out = Corruptor.apply(Corruption.GLASS_BLUR, 1, noise,
                    Corruptor.randomFor(11, Corruption.GLASS_BLUR, 1, index));
            int moved = 0;
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++) {
                    boolean found = false;
                    for (int dy = -1; dy <= 0 && !found; dy++)
                        for (int dx = -1; dx <= 0 && !found; dx++)
                            found = y + dy >= 0 && x + dx >= 0 && sameColour(out, y, x, noise, y + dy, x + dx);
                    assertTrue(found, "pixel (" + y + ", " + x + ") of image " + index
                            + " has a colour from outside its up-left 2×2 neighbourhood");
                    if (!sameColour(out, y, x, noise, y, x)) moved++;
                }
            // Rows and columns 0–1 are never overwritten; of the 30×30 others about three in four take a neighbour's.
            assertTrue(moved > 500 && moved < 850, moved + " pixels changed in image " + index);
        }
    }

    @Test
    void flatRegionsAwayFromAnEdgeKeepTheirColourAtEverySeverity() {
        // Dark left half, bright right half. Two passes move a colour at most 2 px and the blurs (σ ≤ 0.4, radius 2)
        // reach 2 px each, so columns more than 6 px from the edge must keep their level.
        UInt8Image halves = UInt8Image.zeros(32, 32, 3);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                for (int c = 0; c < 3; c++) halves.set(y, x, c, x < 16 ? 30 : 220);
        for (int severity = 1; severity <= 5; severity++) {
            for (long index = 0; index < 10; index++) {
                UInt8Image out = Corruptor.apply(Corruption.GLASS_BLUR, severity, halves,
                        Corruptor.randomFor(5, Corruption.GLASS_BLUR, severity, index));
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++) {
                        if (x > 9 && x < 22) continue;
                        for (int c = 0; c < 3; c++) {
                            assertEquals(halves.get(y, x, c), out.get(y, x, c), 1.0,
                                    "severity " + severity + " image " + index + " at (" + y + ", " + x + ")");
                        }
                    }
            }
        }
    }

    private static UInt8Image randomColours(long seed) {
        byte[] data = new byte[32 * 32 * 3];
        new Random(seed).nextBytes(data);
        return new UInt8Image(32, 32, 3, data);
    }

    private static boolean sameColour(UInt8Image a, int ay, int ax, UInt8Image b, int by, int bx) {
        for (int c = 0; c < 3; c++) if (a.get(ay, ax, c) != b.get(by, bx, c)) return false;
        return true;
    }
}
