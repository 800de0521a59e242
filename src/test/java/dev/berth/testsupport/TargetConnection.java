package dev.berth.testsupport;

import dev.berth.ssh.RemoteShell;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One SSH connection to the real test target shared by a test class's tests, as one operator's session would be:
 * registered with {@code @RegisterExtension static final}, opened before the class's tests and closed after them.
 */
public final class TargetConnection implements BeforeAllCallback, AfterAllCallback {
    private TestTarget target;
    private RemoteShell shell;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        target = TestTarget.get();
        shell = target.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (shell != null) {
            shell.close();
        }
    }

    public TestTarget target() {
        return target;
    }

    public RemoteShell shell() {
        return shell;
    }
}
