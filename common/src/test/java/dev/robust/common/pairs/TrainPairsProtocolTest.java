package dev.robust.common.pairs;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.UInt8Image;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainPairsProtocolTest {

    @Test
    void partitionIsStableAndInRange() {
        Set<Integer> used = new HashSet<>();
        for (int run = 0; run < 200; run++) {
            int partition = TrainPairsProtocol.partitionFor("run-" + run, 6);
            assertTrue(partition >= 0 && partition < 6, "partition " + partition);
            assertEquals(partition, TrainPairsProtocol.partitionFor("run-" + run, 6));
            used.add(partition);
        }
        assertEquals(6, used.size(), "200 run ids should spread over all 6 partitions");
        assertEquals(0, TrainPairsProtocol.partitionFor("anything", 1));
    }

    @Test
    void endOfEpochKeySharesTheRunAndEpochPrefixOfPairKeys() {
        assertEquals("r42/3/end", TrainPairsProtocol.endOfEpochKey("r42", 3));
    }

    @Test
    void headersTellPairsFromMarkers() {
        var pair = TrainPairsProtocol.pairHeaders("r1", ModelRole.STUDENT, 7);
        var marker = TrainPairsProtocol.endOfEpochHeaders("r1", ModelRole.STUDENT, 7);
        assertEquals("student", new String(pair.get(TrainPairsProtocol.HEADER_PHASE), StandardCharsets.UTF_8));
        assertEquals("7", new String(marker.get(TrainPairsProtocol.HEADER_EPOCH), StandardCharsets.UTF_8));
        assertFalse(TrainPairsProtocol.isEndOfEpoch(pair.get(TrainPairsProtocol.HEADER_RECORD_TYPE)));
        assertTrue(TrainPairsProtocol.isEndOfEpoch(marker.get(TrainPairsProtocol.HEADER_RECORD_TYPE)));
        assertFalse(TrainPairsProtocol.isEndOfEpoch(null));
    }

    @Test
    void pairCountRoundTripsAndRejectsWrongLength() {
        assertEquals(49_500L, TrainPairsProtocol.decodePairCount(TrainPairsProtocol.encodePairCount(49_500)));
        assertThrows(IllegalArgumentException.class, () -> TrainPairsProtocol.decodePairCount(new byte[3]));
    }

    @Test
    void pairRecordBytesBoundAnEncodedPairWithItsKeyAndHeaders() {
        UInt8Image view = UInt8Image.zeros(72, 72, 3);
        byte[] value = CleanNoisyPairCodec.encode(new CleanNoisyPair(49_499, 9, view, view));
        String run = "a-run-id-of-some-length";
        long keyAndHeaders = RecordKeys.trainPair(run, 99, 49_499).length() + TrainPairsProtocol
                .pairHeaders(run, ModelRole.STUDENT, 99).entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
        long bound = TrainPairsProtocol.pairRecordBytes(72);
        assertTrue(bound >= value.length + keyAndHeaders, "bound " + bound);
        assertTrue(bound < value.length + 1_000, "bound " + bound + " is close to the record");
    }
}
