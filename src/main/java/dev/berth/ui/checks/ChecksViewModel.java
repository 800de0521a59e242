package dev.berth.ui.checks;

import dev.berth.cluster.ClusterPreflight;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmFormer;
import dev.berth.deploy.Deployer;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Fix;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 3: the server's preflight as a list of pass / warn / fail with reasons and remedies. A fail blocks Next; a
 * warning is asked about once; a fix Berth can apply has its own button. On a cluster every node is checked (the
 * engine's {@link ClusterPreflight}, as the cluster deploy runs it) and its results listed under a heading row with the
 * node's name; a FAIL on any node blocks Next.
 */
public final class ChecksViewModel extends StepModel {
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ObjectProperty<Outcome> worst = new SimpleObjectProperty<>();
    private boolean warningsAccepted;
    /**
     * On a cluster: which node each listed row belongs to, by identity (two nodes give equal results), and which rows
     * are a node's heading. Empty for one server.
     */
    private final Map<CheckResult, String> nodeOf = new IdentityHashMap<>();
    private final Map<CheckResult, String> headings = new IdentityHashMap<>();

    public ChecksViewModel(WizardModel model) {
        super(model);
        model.reportProperty().addListener((o, a, r) -> show(r));
    }

    @Override
    public Step step() {
        return Step.CHECKS;
    }

    @Override
    public void enter() {
        // On a cluster only a list of every node's checks will do: a report of the first manager alone (a profile
        // opened into its dashboard) is checked again.
        if (model.reportProperty().get() == null || (model.cluster() != null && headings.isEmpty())) {
            checkAgain();
        }
    }

    private void show(PreflightReport r) {
        nodeOf.clear();
        headings.clear();
        if (r == null) {
            results.clear();
            worst.set(null);
            valid.set(false);
            return;
        }
        results.setAll(r.results());
        worst.set(r.worst());
        warningsAccepted = false;
        valid.set(r.canProceed());
    }

    /** Probes the server and judges it against the bundle (default ports: the settings come later). */
    public void checkAgain() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        valid.set(false);
        if (model.cluster() != null) {
            checkCluster(model.cluster());
            return;
        }
        var bundle = model.bundle();
        var layout = model.layout();
        String host = model.host();
        model.executor().run(() -> {
            RemoteShell shell = model.shell();
            try {
                PreflightReport report = ServerPreflight.run(shell, bundle, null, layout.installDir(), host).report();
                // What the server keeps for this install (generated secrets above all), before the settings are built;
                // unreadable answers stop here, loudly. A failed report (no sudo, say) is shown as it is.
                Map<String, Object> previous = !report.canProceed() ? Map.of()
                        : new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC()).previousAnswers();
                return new Checked(report, previous);
            } catch (dev.berth.ssh.SshException e) {
                model.dropIfCurrent(shell); // the next try reconnects
                throw e;
            }
        }, checked -> {
            busy.set(false);
            model.serverAnswersProperty().set(Collections.unmodifiableMap(new LinkedHashMap<>(checked.previous())));
            model.reportProperty().set(checked.report());
            show(checked.report());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private record Checked(PreflightReport report, Map<String, Object> previous) {}

    /**
     * Every node over the connection its Server-step test opened. The first manager's report is the model's (the
     * Settings and Review steps read it, and it says how docker runs there), and its record holds the answers a
     * redeploy keeps.
     */
    private void checkCluster(ClusterSpec cluster) {
        var bundle = model.bundle();
        var layout = model.layout();
        model.executor().run(() -> {
            try {
                Map<String, SwarmFormer.Link> links = model.nodeLinks();
                ClusterPreflight.Result result = ClusterPreflight.run(cluster, links, bundle, null, layout.installDir(),
                        progress -> { });
                String leader = cluster.leader().name();
                PreflightReport leaderReport = result.reports().get(leader);
                Map<String, Object> previous = result.failed() ? Map.of()
                        : new Deployer(links.get(leader).shell(), leaderReport.facts().access().privilege(), layout,
                                Clock.systemUTC()).previousAnswers();
                return new ClusterChecked(result, leaderReport, previous);
            } catch (dev.berth.ssh.SshException e) {
                // Which node's link failed is not known here: every node reconnects on the next try.
                cluster.nodes().forEach(n -> model.dropNode(n.name()));
                throw e;
            }
        }, checked -> {
            busy.set(false);
            model.serverAnswersProperty().set(Collections.unmodifiableMap(new LinkedHashMap<>(checked.previous())));
            model.reportProperty().set(checked.leaderReport()); // shows the leader alone; the nodes' list follows
            showNodes(checked.result());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private record ClusterChecked(ClusterPreflight.Result result, PreflightReport leaderReport,
                                  Map<String, Object> previous) {}

    /** The heading of the checks judged on all nodes together (no node is named so: names are [a-z0-9-]). */
    public static final String ALL_NODES = "*";

    /** Each node's results under a heading row of its own, in the cluster's order, then those of all nodes together. */
    private void showNodes(ClusterPreflight.Result result) {
        nodeOf.clear();
        headings.clear();
        List<CheckResult> rows = new ArrayList<>();
        Outcome worstOfAll = Outcome.PASS;
        for (Map.Entry<String, PreflightReport> e : result.reports().entrySet()) {
            String node = e.getKey();
            PreflightReport r = e.getValue();
            group(rows, node, r.worst(), I18n.both("checks.node", node), I18n.both("checks.node." + r.worst().name()),
                    r.results());
            worstOfAll = worstOfAll.worse(r.worst());
        }
        if (!result.whole().isEmpty()) {
            // The stack's cores and memory, which the nodes share: judged on them all together.
            Outcome whole = result.whole().stream().map(CheckResult::outcome).reduce(Outcome.PASS, Outcome::worse);
            group(rows, ALL_NODES, whole, I18n.both("checks.cluster"), I18n.both("checks.cluster." + whole.name()),
                    result.whole());
            worstOfAll = worstOfAll.worse(whole);
        }
        results.setAll(rows);
        worst.set(worstOfAll);
        warningsAccepted = false;
        valid.set(!result.failed());
    }

    /** A heading row for {@code node} and its results under it. */
    private void group(List<CheckResult> rows, String node, Outcome verdict, Localized title, Localized reason,
                       List<CheckResult> results) {
        CheckResult heading = new CheckResult("node:" + node, verdict, title, reason, Localized.same(""), Optional.empty());
        headings.put(heading, node);
        nodeOf.put(heading, node);
        rows.add(heading);
        for (CheckResult c : results) {
            nodeOf.put(c, node);
            rows.add(c);
        }
    }

    /** The node a heading row stands for; empty for a check's own row (and always on one server). */
    public Optional<String> headingOf(CheckResult row) {
        return Optional.ofNullable(headings.get(row));
    }

    /** The node a listed row was checked on; empty on one server. */
    public Optional<String> nodeOf(CheckResult row) {
        return Optional.ofNullable(nodeOf.get(row));
    }

    /** Applies a remedy Berth knows (raise a sysctl, …), then checks again. */
    public void applyFix(CheckResult result) {
        Fix fix = result.fix().orElse(null);
        if (fix == null || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        if (!model.dialogs().confirm(i18n.get("checks.fix.title"), i18n.get("checks.fix.question", i18n.t(fix.label())))) {
            return;
        }
        busy.set(true);
        String node = nodeOf.get(result); // on a cluster the fix runs on the node whose check it is
        model.executor().run(() -> {
            RemoteShell shell = node == null ? model.shell() : model.nodeShell(node);
            return shell.exec(fix.command(), Duration.ofMinutes(2));
        }, (ExecResult r) -> {
            busy.set(false);
            if (!r.ok()) {
                problem.set(Localized.of("修复没有成功：" + r.stderr().strip(), "The fix did not work: " + r.stderr().strip()));
                return;
            }
            checkAgain();
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    @Override
    public boolean beforeNext() {
        if (worst.get() == Outcome.WARN && !warningsAccepted) {
            var i18n = model.i18n();
            warningsAccepted = model.dialogs().confirm(i18n.get("checks.warn.title"), i18n.get("checks.warn.question"));
            return warningsAccepted;
        }
        return true;
    }

    public ObservableList<CheckResult> results() {
        return results;
    }

    public ObjectProperty<Outcome> worstProperty() {
        return worst;
    }
}
