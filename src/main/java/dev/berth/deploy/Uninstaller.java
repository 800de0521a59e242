package dev.berth.deploy;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.Facts;
import dev.berth.target.InstallProject;
import dev.berth.target.ServerCommands;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.time.Duration;

/**
 * Takes a deployment off its server: the stack stopped and removed, Berth's releases and state gone; the data stays
 * unless the operator types the stack's id (its Compose project, which {@code berth status} shows) to confirm that
 * it goes too. The CLI's {@code berth uninstall}; the wizard is to call the same.
 */
public final class Uninstaller {
    /** What was removed, and where the kept data is (null when it went too). */
    public record Outcome(String project, int containers, int networks, String keptData) {}

    private final RemoteShell shell;
    private final ServerCommands commands;
    private final ReleaseLayout layout;

    public Uninstaller(RemoteShell shell, Privilege privilege, ReleaseLayout layout) {
        this.shell = shell;
        this.commands = new ServerCommands(privilege);
        this.layout = layout;
    }

    /**
     * The stack's id in this install dir, as its first deploy recorded it.
     *
     * @throws UninstallException when Berth never deployed there
     */
    public String project(Facts facts) throws UninstallException {
        if (!facts.installDir().exists() || facts.installDir().traces().firstInstall()) {
            throw new UninstallException(Category.INVALID_INPUT, Localized.of(
                    layout.installDir() + " 中没有 Berth 部署，没有可卸载的内容。",
                    "There is no Berth deployment in " + layout.installDir() + ", so there is nothing to uninstall."));
        }
        return InstallProject.of(layout.installDir(), facts).name();
    }

    /**
     * @param confirmData the stack's id typed by the operator to remove the data too, or null to keep it
     * @throws UninstallException when the typed id is not this stack's (nothing is touched), a deploy is running
     *                            there, or the server could not remove something (it says what)
     */
    public Outcome uninstall(String project, String confirmData) throws SshException, UninstallException {
        boolean removeData = confirmData != null;
        if (removeData && !confirmData.equals(project)) {
            throw new UninstallException(Category.INVALID_INPUT, Localized.of(
                    "要连同数据一起删除，请输入这个部署的 ID “" + project + "” 以确认（输入的是 “" + confirmData
                            + "”）；什么都没有改动。",
                    "To remove the data as well, type this deployment's id \"" + project + "\" to confirm (you typed \""
                            + confirmData + "\"); nothing was changed."));
        }
        ExecResult r = shell.exec(commands.uninstall(layout.installDir(), project, removeData), Duration.ofMinutes(10));
        if (r.exitCode() == 75) {
            throw new UninstallException(Category.PREFLIGHT, Localized.of(
                    layout.installDir() + " 中正有部署在运行；请等它结束（berth follow）后再卸载。什么都没有改动。",
                    "A deployment is running in " + layout.installDir() + "; let it finish (berth follow) and"
                            + " uninstall then. Nothing was changed."));
        }
        if (!r.ok()) {
            throw new UninstallException(Category.SERVER_WORK, Localized.of(
                    "卸载没有完成：" + r.stderr().strip() + "。再运行一次同样的命令会从剩下的部分继续。",
                    "The uninstall did not finish: " + r.stderr().strip() + ". Running the same command again goes"
                            + " on with what is left."));
        }
        return new Outcome(project, count(r.stdout(), "containers"), count(r.stdout(), "networks"),
                removeData ? null : layout.dataDir());
    }

    private static int count(String out, String what) {
        for (String line : out.split("\n")) {
            if (line.startsWith(what + " ")) {
                return Integer.parseInt(line.substring(what.length() + 1).strip());
            }
        }
        return 0;
    }
}
