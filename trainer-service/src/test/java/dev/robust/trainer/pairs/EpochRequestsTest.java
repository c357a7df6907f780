package dev.robust.trainer.pairs;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.service.messaging.EventPublisher;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochRequestsTest {
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final EpochRequests requests = new EpochRequests(new EventPublisher(producer, "/trainer-service"), "r1", 500,
            AugmentationConfig.reference(), 2);

    @Test
    void requestsUpToTheLookAheadAndNeverTwice() {
        requests.ensureRequested(ModelRole.TEACHER, 7, 0, 9);
        assertEquals(List.of("teacher-0", "teacher-1", "teacher-2"), sent());
        requests.ensureRequested(ModelRole.TEACHER, 7, 1, 9);
        assertEquals(List.of("teacher-0", "teacher-1", "teacher-2", "teacher-3"), sent());
    }

    @Test
    void neverRequestsPastThePhasesLastEpochAndCountsPhasesApart() {
        requests.ensureRequested(ModelRole.TEACHER, 7, 4, 5);
        requests.ensureRequested(ModelRole.STUDENT, 7, 0, 0);
        assertEquals(List.of("teacher-4", "teacher-5", "student-0"), sent());
        EpochRequested first = decode(0);
        assertEquals(500, first.examples());
        assertEquals(2, first.lookAhead());
        assertEquals(7, first.seed());
    }

    @Test
    void requestsAgainOneEpochOrItAndTheLaterOnesAlreadyRequested() {
        requests.ensureRequested(ModelRole.TEACHER, 7, 0, 9);
        assertEquals(List.of(1), requests.requestAgain(ModelRole.TEACHER, 1, false));
        assertEquals(List.of(1, 2), requests.requestAgain(ModelRole.TEACHER, 1, true));
        assertEquals(List.of("teacher-0", "teacher-1", "teacher-2", "teacher-1", "teacher-1", "teacher-2"), sent());
        assertEquals(7, decode(5).seed());
    }

    private List<String> sent() {
        return producer.history().stream().map(r -> {
            EpochRequested request = (EpochRequested) EventCodec.decode(r.headers(), r.value());
            return request.phase().id() + "-" + request.epoch();
        }).toList();
    }

    private EpochRequested decode(int index) {
        var record = producer.history().get(index);
        return (EpochRequested) EventCodec.decode(record.headers(), record.value());
    }
}
