package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.action.ActionException;
import dev.berth.bundle.AnswersException;
import dev.berth.deploy.InstallDirRule;
import dev.berth.deploy.PreviousAnswersException;
import dev.berth.profile.ProfileException;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step's problem line shows the engine's own sentence for every kind of failure, never a class name. */
class FailureSentenceTest {
    private static final Localized WHY = Localized.of("原因。", "The reason.");

    @Test
    void everyEngineFailureShowsItsSentence() {
        // ActionException and ProfileException fell through to "Something went wrong" before the one base class.
        for (Exception e : List.of(new ActionException(WHY), new ProfileException(WHY), new TransferException(WHY),
                new PreviousAnswersException(WHY), new SshException(SshException.Kind.UNREACHABLE, WHY),
                new AnswersException(List.of(WHY)))) {
            assertEquals(WHY, StepModel.sentenceOf(e), e.getClass().getSimpleName());
        }
    }

    @Test
    void aRefusedInstallDirSaysWhy() {
        Localized why = InstallDirRule.problem("/tmp/berth");
        assertEquals(why, StepModel.sentenceOf(refusal("/tmp/berth")));
    }

    private static RuntimeException refusal(String dir) {
        try {
            InstallDirRule.normalise(dir);
            throw new AssertionError(dir + " was accepted");
        } catch (InstallDirRule.Refused r) {
            return r;
        }
    }
}
