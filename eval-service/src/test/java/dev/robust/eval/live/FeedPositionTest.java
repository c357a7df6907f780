package dev.robust.eval.live;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedPositionTest {
    @Test
    void textFormRoundTripsAndListsPartitionsInOrder() {
        FeedPosition position = new FeedPosition(new TreeMap<>(Map.of(1, 7L, 0, 15L)));
        assertEquals("0:15,1:7", position.toString());
        assertEquals(position, FeedPosition.parse("0:15,1:7"));
        assertEquals(position, FeedPosition.parse(" 1:7 , 0:15 "));
    }

    @Test
    void afterARecordTheNextOffsetOfItsPartitionMovesPastIt() {
        FeedPosition position = FeedPosition.parse("0:15,1:7").after(1, 9);
        assertEquals(10L, position.next(1, -1));
        assertEquals(15L, position.next(0, -1));
        assertEquals(3L, position.next(2, 3), "an unknown partition falls back");
    }

    @Test
    void rejectsIdsThisStreamNeverWroteWithTheExpectedForm() {
        for (String bad : new String[]{"", "abc", "0:", "0:x", "-1:3", "0:-2", "0:1:2", "0:1,,1:2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedPosition.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("<partition>:<next offset>"), e.getMessage());
        }
        String huge = "0:1,".repeat(1000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedPosition.parse(huge)).getMessage()
                .contains("at most " + FeedPosition.MAX_TEXT_LENGTH));
    }
}
