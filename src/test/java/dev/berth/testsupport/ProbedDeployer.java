package dev.berth.testsupport;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A {@link Deployer} for one install dir, made as the CLI and the wizard make theirs: the server probed first, and
 * the deployer given the privilege the probe found.
 */
public record ProbedDeployer(Facts facts, Deployer deployer) {

    public static ProbedDeployer on(RemoteShell shell, String installDir) throws Exception {
        Facts facts = Prober.probe(shell, installDir).facts();
        return new ProbedDeployer(facts, new Deployer(shell, facts.access().privilege(), new ReleaseLayout(installDir),
                Clock.systemUTC()));
    }

    /** ANSWERS resolved with the generated secrets the server already keeps, as a redeploy resolves them. */
    public ResolvedAnswers keepingSecrets(Bundle bundle, Map<String, Object> answers) throws Exception {
        return AnswersResolver.resolve(bundle, PreviousAnswers.keepGeneratedSecrets(bundle, answers,
                deployer.previousAnswers()));
    }

    /** The release for these answers and the tarballs in IMAGES, its endpoints named with HOST. */
    public PreparedRelease prepare(Bundle bundle, ResolvedAnswers answers, Path images, String host) throws Exception {
        return deployer.prepare(facts, bundle, answers, images, host);
    }
}
