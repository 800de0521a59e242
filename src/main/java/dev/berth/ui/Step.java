package dev.berth.ui;

/** The wizard's steps in order; the key names the step's title in the resource bundle. */
public enum Step {
    STACK("step.stack"), SERVER("step.server"), CHECKS("step.checks"), SETTINGS("step.settings"),
    IMAGES("step.images"), REVIEW("step.review"), DEPLOY("step.deploy"), DASHBOARD("step.dashboard");

    private final String titleKey;

    Step(String titleKey) {
        this.titleKey = titleKey;
    }

    public String titleKey() {
        return titleKey;
    }
}
