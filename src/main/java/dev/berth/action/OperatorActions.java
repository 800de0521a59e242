package dev.berth.action;

import dev.berth.bundle.Action;
import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.deploy.ReleaseId;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.target.ServerCommands;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.ComposeInstall;
import dev.berth.target.ComposeCommands;
import dev.berth.target.Facts;
import dev.berth.target.InstallProject;
import dev.berth.text.Localized;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a bundle's operator action (a backup and the like) on a live deployment, the same way for the CLI and the
 * wizard: the action is rendered with the answers the live release was deployed with, so it sees the same
 * passwords the running services use.
 */
public final class OperatorActions {
    private final RemoteShell shell;
    private final Facts facts;
    private final ReleaseLayout layout;
    private final ServerCommands commands;
    private final Clock clock;

    public OperatorActions(RemoteShell shell, Facts facts, ReleaseLayout layout, Clock clock) {
        this.shell = shell;
        this.layout = layout;
        this.commands = new ServerCommands(facts.access().privilege());
        this.facts = facts;
        this.clock = clock;
    }

    /**
     * @throws ActionException when there is no such action, no live deployment, or no Compose on the server
     */
    public ActionOutcome run(Bundle bundle, String name, String host)
            throws SshException, RenderException, AnswersException, ActionException {
        Action declared = bundle.action(name);
        if (declared == null) {
            String known = bundle.actions().stream().map(Action::name).reduce((a, b) -> a + ", " + b).orElse("-");
            throw new ActionException(Localized.of("应用包 " + bundle.id() + " 没有名为 " + name + " 的操作（可用：" + known + "）。",
                    "The bundle " + bundle.id() + " has no action named " + name + " (available: " + known + ")."));
        }
        ComposeInstall compose = facts.docker().compose().orElseThrow(() -> new ActionException(Localized.of(
                "服务器上没有 Docker Compose。", "The server has no Docker Compose.")));
        Map<String, Object> previous;
        try {
            previous = PreviousAnswers.read(shell, commands, layout);
        } catch (dev.berth.deploy.PreviousAnswersException e) {
            throw new ActionException(e.sentence());
        }
        String release = currentRelease();
        if (previous.isEmpty() || release == null) {
            throw new ActionException(Localized.of(layout.installDir() + " 中没有正在运行的部署。",
                    "There is no live deployment in " + layout.installDir() + "."));
        }
        String project = InstallProject.of(layout.installDir(), facts).name();
        RenderedRelease rendered = Renderer.render(bundle, AnswersResolver.resolve(bundle, previous),
                Builtins.of(layout.installDir(), release, project, host), compose.variant().dotenvDialect());
        Action action = rendered.action(name);
        ComposeCommands composeCommands = new ComposeCommands(compose.variant(), project,
                List.of(rendered.composeFile()), layout.current(), facts.access().privilege());
        return ActionRunner.run(shell, action, ActionCommands.command(action, composeCommands, layout, clock.instant()));
    }

    /** The release {@code current} points at, or null. */
    private String currentRelease() throws SshException {
        String out = shell.exec(commands.listReleases(layout.releasesDir(), layout.current()),
                Duration.ofSeconds(20)).stdout();
        for (String line : out.split("\n")) {
            if (line.startsWith("current ")) {
                String target = line.substring("current ".length()).strip();
                String id = target.substring(target.lastIndexOf('/') + 1);
                return ReleaseId.isValid(id) ? id : null;
            }
        }
        return null;
    }
}
