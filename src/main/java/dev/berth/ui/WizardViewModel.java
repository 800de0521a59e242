package dev.berth.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Navigation through the steps: which one is shown, how far the operator got, and when Back/Next may be used. */
public final class WizardViewModel {
    private final WizardModel model;
    private final List<StepModel> steps;
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final IntegerProperty reached = new SimpleIntegerProperty(0);
    private final ObjectProperty<StepModel> current = new SimpleObjectProperty<>();
    private final BooleanBinding canNext;
    private final BooleanBinding canBack;

    public WizardViewModel(WizardModel model, List<StepModel> steps) {
        this.model = model;
        this.steps = List.copyOf(steps);
        canNext = Bindings.createBooleanBinding(() -> {
            StepModel s = current.get();
            return s != null && index.get() < this.steps.size() - 1 && s.isValid() && !s.isBusy();
        }, current, index, Bindings.selectBoolean(current, "valid"), Bindings.selectBoolean(current, "busy"));
        canBack = Bindings.createBooleanBinding(() -> {
            StepModel s = current.get();
            // After a successful deploy there is nothing to go back to; after a failed one the settings can change.
            return s != null && index.get() > 0 && !s.isBusy() && !s.runningOnServer()
                    && s.step() != Step.DASHBOARD && !(s.step() == Step.DEPLOY && s.isValid());
        }, current, index, Bindings.selectBoolean(current, "busy"), Bindings.selectBoolean(current, "valid"));
    }

    public WizardModel model() {
        return model;
    }

    public List<StepModel> steps() {
        return steps;
    }

    @SuppressWarnings("unchecked")
    public <T extends StepModel> T step(Step s) {
        return (T) steps.stream().filter(m -> m.step() == s).findFirst().orElseThrow();
    }

    public ObjectProperty<StepModel> currentProperty() {
        return current;
    }

    public StepModel current() {
        return current.get();
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    /** The furthest step shown so far: the step list marks every step before it as done. */
    public IntegerProperty reachedProperty() {
        return reached;
    }

    public BooleanBinding canNextProperty() {
        return canNext;
    }

    public BooleanBinding canBackProperty() {
        return canBack;
    }

    public void start() {
        show(0);
    }

    public void next() {
        if (!canNext.get() || !current().beforeNext()) {
            return;
        }
        show(index.get() + 1);
    }

    public void back() {
        if (canBack.get()) {
            show(index.get() - 1);
        }
    }

    /** Jumps to a step (a profile opened straight into its dashboard, a redeploy starting at the checks). */
    public void goTo(Step s) {
        show(steps.indexOf(step(s)));
    }

    private void show(int i) {
        index.set(i);
        reached.set(Math.max(reached.get(), i));
        current.set(steps.get(i));
        steps.get(i).enter();
    }

    /**
     * Cancel: asks first when something runs on the server (it goes on without the window).
     *
     * @return true when the window may close
     */
    public boolean cancel() {
        boolean running = steps.stream().anyMatch(StepModel::runningOnServer);
        I18n i18n = model.i18n();
        String question = running ? i18n.get("cancel.running") : i18n.get("cancel.question");
        if (!model.dialogs().confirm(i18n.get("cancel.title"), question)) {
            return false;
        }
        model.close();
        return true;
    }
}
