package dev.berth.testsupport;

import java.time.Duration;

/**
 * Removes what deploys under a folder left on the test target: every container whose compose working dir lies under
 * it (whatever its project is called), their default networks, then the folder. Tests clean by folder because the
 * compose project of an install is Berth's to choose.
 */
public final class TestInstalls {
    private TestInstalls() {}

    public static void removeUnder(String root) {
        String docker = TestTarget.get().dockerCmd();
        String label = "{{index .Config.Labels \\\"com.docker.compose.project.working_dir\\\"}} "
                + "{{index .Config.Labels \\\"com.docker.compose.project\\\"}}";
        TestTarget.runLocal("for id in $(" + docker + " ps -aq); do set -- $(" + docker + " inspect -f \"" + label
                + "\" $id 2>/dev/null); case \"$1\" in '" + root + "'|'" + root + "'/*) " + docker + " rm -f $id >/dev/null; "
                + docker + " network rm \"$2\"_default >/dev/null 2>&1;; esac; done; rm -rf '" + root + "'",
                Duration.ofMinutes(2));
    }
}
