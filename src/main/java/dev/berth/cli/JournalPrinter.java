package dev.berth.cli;

import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.JournalText;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.UploadTick;
import dev.berth.text.Localized;
import java.util.HashMap;
import java.util.Map;

/** Prints a deployment as it happens: laptop phases, upload progress and the server's journal, one line each. */
final class JournalPrinter implements DeployListener {
    private final Output out;
    private final Map<String, Localized> labels = new HashMap<>();
    private final UploadProgress progress;
    private final boolean jobLines;

    JournalPrinter(Output out, DeployPlan plan) {
        this(out, plan, true);
    }

    /** @param jobLines whether the job's start and end are printed (a backup command says its own last word) */
    JournalPrinter(Output out, DeployPlan plan, boolean jobLines) {
        this(out, plan == null ? java.util.List.of() : plan.steps(), jobLines);
    }

    JournalPrinter(Output out, java.util.List<PlanStep> steps, boolean jobLines) {
        this.out = out;
        this.jobLines = jobLines;
        this.progress = new UploadProgress(out);
        for (PlanStep s : steps) {
            labels.put(s.id(), s.label());
        }
    }

    @Override
    public void phase(Localized what) {
        progress.finish();
        out.info(Localized.of("· " + what.zh(), "· " + what.en()));
    }

    @Override
    public void upload(UploadTick tick) {
        progress.update(tick);
    }

    @Override
    public void event(JournalEvent e) {
        progress.finish();
        if (!jobLines && (e.isEnd() || "job-start".equals(e.event()))) {
            return;
        }
        JournalText.lines(e, labels::get).forEach(out::info);
    }
}
