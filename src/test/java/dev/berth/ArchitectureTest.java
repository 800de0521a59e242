package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer rules, checked on the compiled classes (the JabRef way): a forbidden import fails the build, not a
 * review. {@code docs/architecture.md} explains each layer; change both together.
 */
class ArchitectureTest {
    private static final JavaClasses BERTH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.berth");

    /** Everything that is neither a front end nor the launcher: what the CLI and the wizard both call. */
    static final String[] ENGINE = {"dev.berth.text..", "dev.berth.files..", "dev.berth.ssh..", "dev.berth.target..",
        "dev.berth.bundle..", "dev.berth.preflight..", "dev.berth.transfer..", "dev.berth.deploy..",
        "dev.berth.status..", "dev.berth.action..", "dev.berth.profile..", "dev.berth.cluster.."};

    @Test
    void theEngineImportsNoJavaFxNoPicocliAndNoFrontEnd() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "picocli..", "dev.berth.cli..", "dev.berth.ui..")
                .because("the engine must run headless, under the CLI and the wizard alike")
                .check(BERTH);
    }

    @Test
    void theCliAndTheWizardDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.berth.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui..", "javafx..")
                .check(BERTH);
        noClasses().that().resideInAPackage("dev.berth.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.cli..", "picocli..")
                .check(BERTH);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.berth.(*)..").should().beFreeOfCycles().check(BERTH);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("launcher").definedBy("dev.berth")
                .layer("cli").definedBy("dev.berth.cli..")
                .layer("ui").definedBy("dev.berth.ui..")
                .layer("action").definedBy("dev.berth.action..")
                .layer("cluster").definedBy("dev.berth.cluster..")
                .layer("deploy").definedBy("dev.berth.deploy..")
                .layer("preflight").definedBy("dev.berth.preflight..")
                .layer("transfer").definedBy("dev.berth.transfer..")
                .layer("status").definedBy("dev.berth.status..")
                .layer("profile").definedBy("dev.berth.profile..")
                .layer("target").definedBy("dev.berth.target..")
                .layer("bundle").definedBy("dev.berth.bundle..")
                .layer("ssh").definedBy("dev.berth.ssh..")
                .layer("base").definedBy("dev.berth.text..", "dev.berth.files..")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("action").mayOnlyAccessLayers("deploy", "target", "bundle", "ssh", "base")
                .whereLayer("cluster").mayOnlyAccessLayers("deploy", "preflight", "transfer", "target", "bundle", "ssh", "base")
                .whereLayer("deploy").mayOnlyAccessLayers("transfer", "target", "bundle", "ssh", "base")
                .whereLayer("preflight").mayOnlyAccessLayers("target", "bundle", "ssh", "base")
                .whereLayer("transfer").mayOnlyAccessLayers("target", "bundle", "ssh", "base")
                .whereLayer("status").mayOnlyAccessLayers("target", "ssh", "base")
                .whereLayer("profile").mayOnlyAccessLayers("bundle", "ssh", "base")
                .whereLayer("target").mayOnlyAccessLayers("ssh", "base")
                .whereLayer("bundle").mayOnlyAccessLayers("base")
                .whereLayer("ssh").mayOnlyAccessLayers("base")
                .whereLayer("base").mayNotAccessAnyLayer()
                .check(BERTH);
    }
}
