package dev.berth.ui.profiles;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.DeployPlanner;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.text.Localized;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each step of a saved deployment's plan is called, by step id. A job followed after Berth was reopened has no
 * prepared plan on this laptop; the engine's planner, given every step it could have planned for this bundle,
 * names the steps its journal reports.
 */
final class StepLabels {
    private StepLabels() {}

    static Map<String, Localized> of(Bundle bundle, ResolvedAnswers answers, RenderedRelease rendered, ReleaseLayout layout) {
        List<ImageRef> images = bundle.imagesFor(answers);
        // Every image as if it were uploaded, so the plan includes the optional load step too.
        var plan = DeployPlanner.plan("labels", layout.newProjectName(), rendered.composeFile(), List.of(),
                images.stream().map(ImageRef::file).toList(), images.stream().map(ImageRef::ref).toList(),
                bundle.dataDirs(), rendered.stages(), rendered.hooks(), rendered.probes());
        Map<String, Localized> labels = new LinkedHashMap<>();
        for (PlanStep s : plan.steps()) {
            labels.put(s.id(), s.label());
        }
        return labels;
    }
}
