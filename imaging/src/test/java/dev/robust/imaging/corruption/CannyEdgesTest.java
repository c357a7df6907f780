package dev.robust.imaging.corruption;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Edge placement as OpenCV's Canny puts it (the expected map below is what it returns for the same input). */
class CannyEdgesTest {
    @Test
    void blockEdgesLieOutsideItsTopAndLeftAndInsideItsBottomAndRight() {
        int[] level = block(200);
        String[] expected = {
                "..................",
                "..................",
                ".....########.....",
                "....#........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "...#.........#....",
                "....##########....",
                "..................",
                ".................."};
        boolean[] edges = CannyEdges.detect(level, 50, 150);
        int count = 0;
        for (int i = 0; i < edges.length; i++) if (edges[i]) count++;
        assertEquals(36, count, "edge pixels in the whole map");
        for (int r = 0; r < expected.length; r++) {
            StringBuilder row = new StringBuilder();
            for (int x = 6; x < 24; x++) row.append(edges[(7 + r) * 32 + x] ? '#' : '.');
            assertEquals(expected[r], row.toString(), "row " + (7 + r) + " from column 6");
        }
    }

    @Test
    void stepBelowTheHighThresholdHasNoEdges() {
        // A step of 25 levels: Sobel L1 magnitude 4 · 25 = 100 along the sides and 6 · 25 = 150 at the corners, the
        // largest anywhere and not above 150, so no edge starts (at 30 levels the corners start one all round).
        boolean[] edges = CannyEdges.detect(block(25), 50, 150);
        for (int i = 0; i < edges.length; i++) assertEquals(false, edges[i], "pixel " + i);
    }

    /** Level {@code value} on rows and columns 10–19, zero elsewhere. */
    private static int[] block(int value) {
        int[] level = new int[32 * 32];
        for (int y = 10; y < 20; y++) for (int x = 10; x < 20; x++) level[y * 32 + x] = value;
        return level;
    }
}
