package dev.berth.ui;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.BackupException;
import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.DeployOptions;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.RemoteShell;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A backup on the server brought back as a deploy, the way {@code berth restore --backup} does it: the backup's own
 * answers, checked against the server, and the release prepared to start from the backup's data. The wizard's steps
 * (Deploy after a failed upgrade, the dashboard) share it so that they refuse and check exactly alike.
 */
public final class BackupRestore {
    private BackupRestore() {}

    /** Checks and prepares a restore (the real one is {@link #prepare}; a view-model test gives its own). */
    @FunctionalInterface
    public interface Preparation {
        PreparedRelease prepare(RemoteShell shell, ReleaseLayout layout, Bundle bundle, String host, Path images,
                                BackupInfo info, Map<String, Object> answers) throws Exception;
    }

    /**
     * Asks which of the server's backups to restore, refuses one made with another bundle version than {@code bundle}
     * (the sentence goes to {@code problem}) and asks to confirm: the backup to restore, or empty.
     *
     * @param none where the sentence saying there are no backups goes
     */
    public static Optional<BackupInfo> pick(WizardModel model, List<BackupInfo> list, Bundle bundle,
                                            Consumer<Localized> problem, Consumer<String> none) {
        I18n i18n = model.i18n();
        String dir = model.layout().backupsDir();
        if (list.isEmpty()) {
            none.accept(i18n.get("dashboard.restore.none", dir));
            return Optional.empty();
        }
        Optional<BackupInfo> picked = model.dialogs().choose(i18n.get("dashboard.restore.title"),
                i18n.get("dashboard.restore.choose", dir), list, b -> i18n.get("dashboard.restore.item",
                        b.id(), b.bundle(), b.version(), b.created(), dev.berth.transfer.TransferPlan.size(b.bytes())));
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        BackupInfo b = picked.get();
        Localized other = otherBundle(bundle, b.id(), b.bundle(), b.version());
        if (other != null) {
            problem.accept(other);
            return Optional.empty();
        }
        if (!model.dialogs().confirm(i18n.get("dashboard.restore.confirm.title", b.id()),
                i18n.get("dashboard.restore.confirm", b.id(), b.created()))) {
            return Optional.empty();
        }
        return picked;
    }

    /**
     * A backup is restored with the bundle version it was made with (anything else would be an upgrade or a
     * downgrade); null when {@code bundle} is that one, else the sentence saying which to open.
     */
    public static Localized otherBundle(Bundle bundle, String backupId, String backupBundle, String backupVersion) {
        if (bundle != null && bundle.id().equals(backupBundle) && bundle.version().equals(backupVersion)) {
            return null;
        }
        return I18n.both("restore.otherBundle", backupId, backupBundle, backupVersion,
                bundle == null ? "—" : bundle.id() + " " + bundle.version());
    }

    /** The backup a deploy took first, when its journal says it was written; null otherwise (none, or it failed). */
    public static String takenBackup(dev.berth.deploy.DeployOutcome o, PreparedRelease release) {
        String backup = release == null ? null : release.backupId();
        boolean taken = backup != null && o.eventsOf("backup-taken").stream()
                .anyMatch(e -> backup.equals(e.text(dev.berth.deploy.JournalField.BACKUP)));
        return taken ? backup : null;
    }

    /**
     * Checks the server with the backup's answers and prepares the restore; touches nothing on the server.
     *
     * @param images the operator's folder of tarballs for this bundle version, or null: the images the server has
     * @throws BackupException when the bundle is not the backup's, or the server fails a check with these answers
     */
    public static PreparedRelease prepare(RemoteShell shell, ReleaseLayout layout, Bundle bundle, String host,
                                          Path images, BackupInfo info, Map<String, Object> backupAnswers)
            throws Exception {
        Localized other = otherBundle(bundle, info.id(), info.bundle(), info.version());
        if (other != null) {
            throw new BackupException(Category.INVALID_INPUT, other);
        }
        ResolvedAnswers answers = AnswersResolver.resolve(bundle, backupAnswers);
        PreflightReport report = ServerPreflight.run(shell, bundle, answers, layout.installDir(), host).report();
        if (report.worst() == Outcome.FAIL) {
            CheckResult first = report.withOutcome(Outcome.FAIL).get(0);
            Localized why = I18n.both("restore.checksFail", info.id());
            throw new BackupException(Category.PREFLIGHT, Localized.of(
                    why.zh() + first.title().zh() + "：" + first.reason().zh(),
                    why.en() + " " + first.title().en() + ": " + first.reason().en()));
        }
        return new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC())
                .prepare(report.facts(), bundle, answers, images, host, DeployOptions.DEFAULT.withRestore(info.id()));
    }
}
