package dev.robust.common.codec;

import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecGarbageTest {
    private static final Consumer<byte[]> IMAGE = LabeledImageCodec::decode;
    private static final Consumer<byte[]> PAIR = CleanNoisyPairCodec::decode;

    private final byte[] validImage = LabeledImageCodec.encode(
            new LabeledImage(3, 4, new UInt8Image(2, 3, 3, new byte[18])));
    private final byte[] validPair = CleanNoisyPairCodec.encode(new CleanNoisyPair(
            3, 4, new UInt8Image(2, 3, 3, new byte[18]), new UInt8Image(4, 1, 1, new byte[4])));

    @Test
    void randomBytesAlwaysThrowCodecException() {
        Random random = new Random(99L);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            assertThrows(CodecException.class, () -> IMAGE.accept(garbage));
            assertThrows(CodecException.class, () -> PAIR.accept(garbage));
        }
    }

    @Test
    void randomBytesBehindAValidMagicAndVersionAlwaysThrowCodecException() {
        Random random = new Random(100L);
        for (int i = 0; i < 5_000; i++) {
            byte[] image = Arrays.copyOf(validImage, random.nextInt(80));
            byte[] pair = Arrays.copyOf(validPair, random.nextInt(80));
            scrambleAfterVersion(image, random);
            scrambleAfterVersion(pair, random);
            // A scramble can, rarely, produce a valid record; only the failure mode is under test here.
            try { IMAGE.accept(image); } catch (CodecException expected) { }
            try { PAIR.accept(pair); } catch (CodecException expected) { }
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < validImage.length; length++) {
            byte[] truncated = Arrays.copyOf(validImage, length);
            assertThrows(CodecException.class, () -> IMAGE.accept(truncated), "length " + length);
        }
        for (int length = 0; length < validPair.length; length++) {
            byte[] truncated = Arrays.copyOf(validPair, length);
            assertThrows(CodecException.class, () -> PAIR.accept(truncated), "length " + length);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        assertMessage(IMAGE, Arrays.copyOf(validImage, validImage.length + 1), "header describes");
    }

    @Test
    void badMagicIsRejected() {
        assertMessage(IMAGE, validPair, "bad magic");
        assertMessage(PAIR, validImage, "bad magic");
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] image = validImage.clone();
        image[4] = 2;
        assertMessage(IMAGE, image, "unsupported version 2");
        byte[] pair = validPair.clone();
        pair[4] = 0;
        assertMessage(PAIR, pair, "unsupported version 0");
    }

    @Test
    void hugeDimensionsAreRejectedWithoutAllocating() {
        byte[] image = validImage.clone();
        ByteBuffer.wrap(image).putShort(14, (short) 0xFFFF).putShort(16, (short) 0xFFFF);
        assertMessage(IMAGE, image, "outside");
        byte[] pair = validPair.clone();
        ByteBuffer.wrap(pair).putShort(19, (short) 4096).putShort(21, (short) 4096).put(23, (byte) 4);
        assertMessage(PAIR, pair, "header describes");
    }

    @Test
    void zeroChannelsAndNegativeIndexAreRejected() {
        byte[] image = validImage.clone();
        image[18] = 0;
        assertMessage(IMAGE, image, "outside");
        byte[] pair = validPair.clone();
        ByteBuffer.wrap(pair).putLong(6, -1L);
        assertMessage(PAIR, pair, "negative source index");
    }

    @Test
    void nullIsRejected() {
        assertThrows(CodecException.class, () -> IMAGE.accept(null));
    }

    private static void scrambleAfterVersion(byte[] record, Random random) {
        for (int i = 5; i < record.length; i++) {
            if (random.nextInt(4) == 0) record[i] = (byte) random.nextInt(256);
        }
    }

    private static void assertMessage(Consumer<byte[]> decoder, byte[] bytes, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> decoder.accept(bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
