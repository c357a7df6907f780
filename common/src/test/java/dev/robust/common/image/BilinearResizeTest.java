package dev.robust.common.image;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the resize against resize/resize_fixture.txt, made by resize/make_resize_fixture.py (numpy, float64). */
class BilinearResizeTest {

    @Test
    void matchesIndependentHalfPixelReference() throws IOException {
        int cases = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/resize/resize_fixture.txt")), StandardCharsets.US_ASCII))) {
            for (String header; (header = in.readLine()) != null; cases++) {
                int[] dims = Arrays.stream(header.substring("case ".length()).split(" "))
                        .mapToInt(Integer::parseInt).toArray();
                byte[] pixels = parseBytes(in.readLine());
                double[] expected = Arrays.stream(in.readLine().split(" ")).mapToDouble(Double::parseDouble).toArray();
                UInt8Image image = new UInt8Image(dims[0], dims[1], dims[2], pixels);

                float[] actual = BilinearResize.resizeToFloat(image, dims[3], dims[4]);
                assertEquals(expected.length, actual.length, header);
                byte[] rounded = BilinearResize.resize(image, dims[3], dims[4]).data();
                for (int i = 0; i < expected.length; i++) {
                    // float32 arithmetic against float64: a few thousandths of a grey level at most.
                    assertEquals(expected[i], actual[i], 2e-3, header + " value " + i);
                    assertEquals(Math.round(actual[i]), rounded[i] & 0xFF, header + " rounded value " + i);
                }
            }
        }
        assertEquals(4, cases);
    }

    @Test
    void windowOfMirroredResizeEqualsCropOfResizedMirror() {
        UInt8Image image = patterned(32, 32, 3);
        UInt8Image mirrored = UInt8Image.zeros(32, 32, 3);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                for (int c = 0; c < 3; c++) mirrored.set(y, 31 - x, c, image.get(y, x, c));
        UInt8Image full = BilinearResize.resize(mirrored, 96, 96);

        UInt8Image window = BilinearResize.resizeWindow(image, 96, 96, 7, 19, 72, 72, true);

        for (int y = 0; y < 72; y++)
            for (int x = 0; x < 72; x++)
                for (int c = 0; c < 3; c++)
                    assertEquals(full.get(y + 7, x + 19, c), window.get(y, x, c), "at " + y + "," + x + "," + c);
    }

    @Test
    void constantImageStaysConstant() {
        UInt8Image grey = new UInt8Image(3, 3, 1, new byte[] {77, 77, 77, 77, 77, 77, 77, 77, 77});
        byte[] expected = new byte[72 * 72];
        Arrays.fill(expected, (byte) 77);
        assertArrayEquals(expected, EvalView.apply(grey).data());
    }

    @Test
    void evalViewIs72By72() {
        UInt8Image view = EvalView.apply(patterned(32, 32, 3));
        assertTrue(view.height() == EvalView.SIZE && view.width() == EvalView.SIZE && view.channels() == 3);
        assertEquals(72 * 72 * 3, EvalView.applyToFloat(patterned(32, 32, 3)).length);
    }

    private static UInt8Image patterned(int h, int w, int c) {
        byte[] data = new byte[h * w * c];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 37 + i / 96 * 11);
        return new UInt8Image(h, w, c, data);
    }

    private static byte[] parseBytes(String line) {
        String[] parts = line.split(" ");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = (byte) Integer.parseInt(parts[i]);
        return out;
    }
}
