package dev.berth.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that uses the real test target (sshd, Docker, docker-compose, root-only local commands).
 * Such classes run in Maven's integration-test phase (failsafe, {@code ./mvnw verify}); everything else runs in the
 * unit tier ({@code ./mvnw test}) on any laptop with a JDK. {@link TestTarget} refuses to start in the unit tier,
 * so a forgotten mark fails loudly instead of hanging.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {
    /** The JUnit tag that pom.xml's surefire excludes and failsafe selects. */
    String TAG = "integration";
}
