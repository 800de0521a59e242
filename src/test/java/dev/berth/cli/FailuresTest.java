package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.action.ActionException;
import dev.berth.bundle.AnswersException;
import dev.berth.bundle.BundleException;
import dev.berth.bundle.BundleProblem;
import dev.berth.bundle.RenderException;
import dev.berth.deploy.PreviousAnswersException;
import dev.berth.profile.ProfileException;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every engine failure reaches the operator as its own sentence with the exit code its kind promises. */
class FailuresTest {
    private static final Localized WHY = Localized.of("原因。", "The reason.");

    @Test
    void eachFailureKeepsItsSentenceAndExitCode() {
        assertCli(ExitCode.INVALID_INPUT, WHY, new ActionException(WHY));
        assertCli(ExitCode.INVALID_INPUT, WHY, new ProfileException(WHY));
        assertCli(ExitCode.INVALID_INPUT, WHY, new TransferException(WHY));
        assertCli(ExitCode.INVALID_INPUT, WHY, new RenderException(WHY, null));
        assertCli(ExitCode.PREFLIGHT_FAILED, WHY, new PreviousAnswersException(WHY));
        assertCli(ExitCode.CONNECTION, WHY, new SshException(SshException.Kind.AUTH, WHY));
        assertCli(ExitCode.CONNECTION, WHY, new SshException(SshException.Kind.HOST_KEY_CHANGED, WHY));
        assertCli(ExitCode.DEPLOY_FAILED, WHY, new SshException(SshException.Kind.TIMEOUT, WHY));
        assertCli(ExitCode.DEPLOY_FAILED, WHY, new SshException(SshException.Kind.REMOTE_FAILED, WHY));
    }

    @Test
    void severalProblemsAreOneLineEach() {
        Localized second = Localized.of("第二。", "Second.");
        assertCli(ExitCode.INVALID_INPUT, Localized.of("原因。\n第二。", "The reason.\nSecond."),
                new AnswersException(List.of(WHY, second)));
        assertCli(ExitCode.INVALID_INPUT, Localized.of("bundle.yaml:3: 原因。\nbundle.yaml: 第二。",
                        "bundle.yaml:3: The reason.\nbundle.yaml: Second."),
                new BundleException(List.of(new BundleProblem("bundle.yaml", 3, WHY),
                        new BundleProblem("bundle.yaml", 0, second))));
    }

    @Test
    void anUnknownHostKeySaysHowToPassIt() {
        CliFailure f = Failures.toCli(new SshException(SshException.Kind.HOST_KEY_UNKNOWN, WHY));
        assertEquals(ExitCode.CONNECTION, f.exitCode());
        assertEquals("The reason. (after checking it, pass it with --host-key)", f.sentence().en());
        assertEquals("原因。（核对指纹后，可用 --host-key 传入）", f.sentence().zh());
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutATrace() {
        CliFailure f = Failures.toCli(new IllegalStateException("boom"));
        assertEquals(ExitCode.INTERNAL, f.exitCode());
        assertEquals("Berth hit an internal error (IllegalStateException: boom). Set BERTH_DEBUG=1 to see the details.",
                f.sentence().en());
        assertTrue(f.sentence().zh().contains("BERTH_DEBUG=1"));
    }

    private static void assertCli(int exit, Localized sentence, Exception e) {
        CliFailure f = Failures.toCli(e);
        assertEquals(exit, f.exitCode(), e.getClass().getSimpleName());
        assertEquals(sentence, f.sentence(), e.getClass().getSimpleName());
    }
}
