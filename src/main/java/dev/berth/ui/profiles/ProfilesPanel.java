package dev.berth.ui.profiles;

import dev.berth.profile.Profile;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.Texts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The profile parts of two steps: the saved deployments above the stack list, and "Save as profile" in Review. */
public final class ProfilesPanel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private ProfilesPanel() {}

    /** Fills {@code box} with the saved deployments, each with Open dashboard and Redeploy. */
    public static void list(VBox box, ProfilesViewModel vm, I18n i18n) {
        Label problem = Texts.problemLabel(i18n, vm.problemProperty());
        problem.setId("profileProblem");
        Runnable fill = () -> {
            box.getChildren().setAll(problem);
            if (vm.profiles().isEmpty() && vm.unreadable().isEmpty()) {
                return;
            }
            Label h = new Label(i18n.get("stack.profiles"));
            h.getStyleClass().add("heading");
            box.getChildren().add(h);
            for (Profile p : vm.profiles()) {
                Label name = new Label(p.name());
                name.getStyleClass().add("subheading");
                Label what = new Label(p.bundleId() + " → " + ProfilesViewModel.where(p, i18n) + "  " + p.target().installDir()
                        + "  · " + WHEN.format(p.savedAt()));
                what.getStyleClass().add("help");
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Button open = new Button(i18n.get("stack.profile.open"));
                open.setId("profile-open-" + p.name());
                open.setOnAction(e -> vm.openDashboard(p));
                Button redeploy = new Button(i18n.get("stack.profile.redeploy"));
                redeploy.setId("profile-redeploy-" + p.name());
                redeploy.setOnAction(e -> vm.redeploy(p));
                HBox row = new HBox(10, new VBox(2, name, what), gap, open, redeploy);
                row.setAlignment(Pos.CENTER_LEFT);
                row.getStyleClass().add("card");
                box.getChildren().add(row);
            }
            for (Localized bad : vm.unreadable()) {
                Label l = new Label(i18n.t(bad));
                l.getStyleClass().add("problem");
                l.setWrapText(true);
                box.getChildren().add(l);
            }
            box.getChildren().remove(problem);
            box.getChildren().add(problem);
        };
        vm.profiles().addListener((ListChangeListener<Profile>) c -> fill.run());
        vm.unreadable().addListener((ListChangeListener<Localized>) c -> fill.run());
        fill.run();
    }

    /** Fills {@code bar} with a name field and Save as profile. */
    public static void saveBar(HBox bar, ProfilesViewModel vm, I18n i18n, String suggested) {
        TextField name = new TextField(suggested);
        name.setId("profileName");
        name.setPromptText(i18n.get("review.profileName"));
        name.setPrefColumnCount(18);
        Button save = new Button(i18n.get("review.saveProfile"));
        save.setId("saveProfile");
        save.disableProperty().bind(name.textProperty().isEmpty());
        save.setOnAction(e -> vm.saveAs(name.getText()));
        Label done = new Label();
        done.getStyleClass().add("ok");
        done.textProperty().bind(Texts.of(i18n, vm.savedProperty()));
        bar.getChildren().addAll(new Label(i18n.get("review.profileName")), name, save, done,
                Texts.problemLabel(i18n, vm.problemProperty()));
    }
}
