package dev.berth.testsupport;

import java.time.Duration;

/**
 * Holds a demo deploy job at its "register" hook until the test lets it go, so a test can look at a job that is
 * certainly still running without sleeping: the hook writes {@code /srv/www/hooks/registered.txt} (the web data
 * folder on the server), and a FIFO put there beforehand blocks that write until the test reads it.
 */
public final class DemoHookGate {
    private DemoHookGate() {}

    private static String fifo(String installDir) {
        return installDir + "/data/web/hooks/registered.txt";
    }

    /** Before the deploy: the next job of this install dir will wait in its hook. */
    public static void close(String installDir) {
        TestTarget.runLocalOk("mkdir -p '" + installDir + "/data/web/hooks' && mkfifo -m 666 '" + fifo(installDir) + "'");
    }

    /** Lets the waiting hook finish; returns what it wrote ("registered"). */
    public static String open(String installDir) {
        TestTarget.Local r = TestTarget.runLocal("cat '" + fifo(installDir) + "'", Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new AssertionError("Could not read the hook's FIFO: " + r.output());
        }
        return r.output();
    }
}
