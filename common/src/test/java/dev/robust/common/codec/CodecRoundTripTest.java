package dev.robust.common.codec;

import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodecRoundTripTest {
    private static final int CASES = 500;

    @Test
    void labeledImageSurvivesRoundTripForRandomShapesLabelsAndIndices() {
        Random random = new Random(20240501L);
        for (int i = 0; i < CASES; i++) {
            LabeledImage original = new LabeledImage(randomIndex(random), random.nextInt(256), randomImage(random));
            byte[] encoded = LabeledImageCodec.encode(original);
            assertEquals(LabeledImageCodec.HEADER_SIZE + original.image().data().length, encoded.length);
            assertEquals(original, LabeledImageCodec.decode(encoded), "case " + i);
        }
    }

    @Test
    void pairSurvivesRoundTripWithViewsOfDifferentSizes() {
        Random random = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            CleanNoisyPair original = new CleanNoisyPair(
                    randomIndex(random), random.nextInt(256), randomImage(random), randomImage(random));
            CleanNoisyPair decoded = CleanNoisyPairCodec.decode(CleanNoisyPairCodec.encode(original));
            assertEquals(original, decoded, "case " + i);
        }
    }

    @Test
    void cifarSizedImageHasTheDocumentedSize() {
        LabeledImage image = new LabeledImage(49_999, 9, UInt8Image.zeros(32, 32, 3));
        assertEquals(19 + 3072, LabeledImageCodec.encode(image).length);
    }

    private static long randomIndex(Random random) {
        return random.nextBoolean() ? random.nextInt(60_000) : random.nextLong() & Long.MAX_VALUE;
    }

    static UInt8Image randomImage(Random random) {
        int height = 1 + random.nextInt(96);
        int width = 1 + random.nextInt(96);
        int channels = 1 + random.nextInt(UInt8Image.MAX_CHANNELS);
        byte[] data = new byte[height * width * channels];
        random.nextBytes(data);
        return new UInt8Image(height, width, channels, data);
    }
}
