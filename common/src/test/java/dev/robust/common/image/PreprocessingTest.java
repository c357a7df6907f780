package dev.robust.common.image;

import dev.robust.common.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {

    @Test
    void minusOneToOneMapsTheEndsOfTheByteRangeToTheEndsOfTheInterval() {
        Preprocessing p = Preprocessing.parse("preprocess", "[-1,1]");
        assertEquals(-1f, p.apply(0, 0), 1e-6);
        assertEquals(1f, p.apply(255, 2), 1e-6);
    }

    @Test
    void zeroToOneDividesBy255() {
        Preprocessing p = Preprocessing.parse("preprocess", " [0, 1] ");
        assertEquals("[0,1]", p.text());
        assertEquals(51 / 255f, p.apply(51, 1), 1e-7);
    }

    @Test
    void meanAndStdArePerChannelOnTheUnitScale() {
        Preprocessing p = Preprocessing.parse("preprocess", "mean=0.5,0.25,0;std=0.5,0.25,2");
        assertEquals((255 / 255f - 0.5f) / 0.5f, p.apply(255, 0), 1e-6);
        assertEquals((0 - 0.25f) / 0.25f, p.apply(0, 1), 1e-6);
        assertEquals((102 / 255f) / 2f, p.apply(102, 2), 1e-6);
        assertEquals(p, Preprocessing.parse("preprocess", p.text()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[-1,2]", "imagenet", "mean=0.5,0.5;std=0.5,0.5,0.5", "mean=0.5,0.5,0.5;std=1,0,1",
            "mean=a,b,c;std=1,1,1", "std=1,1,1;mean=0,0,0"})
    void refusesAnythingElseNamingTheFieldAndTheAcceptedForms(String declared) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> Preprocessing.parse("preprocess", declared));
        assertEquals("preprocess", e.field());
        assertTrue(e.getMessage().contains("[-1,1]") && e.getMessage().contains("mean="), e.getMessage());
    }
}
