package dev.berth.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test of the job library: each test method gets a fresh {@link JobLibSandbox}, removed after it. */
abstract class SandboxedJobLibTest {
    JobLibSandbox box;

    @BeforeEach
    void sandbox() throws Exception {
        box = new JobLibSandbox();
    }

    @AfterEach
    void clean() throws Exception {
        box.close();
    }
}
