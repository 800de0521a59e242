package dev.berth.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A test that reaches the real target from the unit tier fails at once with what to do, instead of hanging. */
class UnitTierGuardTest {
    private static final String MARK_IT = "this test uses the real test target: mark it @IntegrationTest";

    @Test
    void theUnitTierIsMarkedBySurefire() {
        assertEquals("unit", System.getProperty("berth.testTier"), "surefire's config in pom.xml sets berth.testTier");
    }

    @Test
    void testTargetRefusesInTheUnitTier() {
        assertEquals(MARK_IT, assertThrows(AssertionError.class, TestTarget::get).getMessage());
    }

    @Test
    void localRootCommandsRefuseInTheUnitTier() {
        assertEquals(MARK_IT, assertThrows(AssertionError.class,
                () -> TestTarget.runLocal("true", Duration.ofSeconds(5))).getMessage());
    }
}
