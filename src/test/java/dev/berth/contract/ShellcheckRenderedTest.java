package dev.berth.contract;

import dev.berth.target.ServerCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.PlanScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shellcheck (-S warning) on the shell Berth puts on servers that scripts/test.sh cannot check as files: each
 * bundle's .sh files rendered with its example answers, and the sh -c scripts of ServerCommands. Needs the
 * shellcheck binary (scripts/test.sh installs it); without it this fails, it does not skip.
 */
class ShellcheckRenderedTest {
    /**
     * Rendered files without a shebang are sourced by another script of the bundle (admin.sh, token.sh): POSIX sh,
     * and their variables are used by the script that sources them (SC2034 would flag every one).
     */
    private static List<String> options(String text) {
        return text.startsWith("#!") ? List.of() : List.of("--shell=sh", "--exclude=SC2034");
    }

    static String shellcheck(List<String> options, Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-S", "warning", "-f", "gcc"));
        cmd.addAll(options);
        cmd.add(file.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("shellcheck is not installed: apt-get install -y shellcheck (scripts/test.sh does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("shellcheck did not finish on " + file);
        }
        return p.exitValue() == 0 ? "" : out;
    }

    @Test
    void everyBundlesShellFilesAreCleanAsRendered(@TempDir Path tmp) throws Exception {
        List<String> findings = new ArrayList<>();
        int checked = 0;
        for (Path dir : ProjectFiles.bundles()) {
            Bundle bundle = BundleLoader.load(dir);
            ResolvedAnswers answers = AnswersResolver.resolve(bundle, AnswersFile.read(dir.resolve("example-answers.yaml")));
            for (RenderedFile f : Renderer.render(bundle, answers, BundlePlans.BUILTINS).files()) {
                if (!f.path().endsWith(".sh")) {
                    continue;
                }
                Path out = tmp.resolve(dir.getFileName().toString()).resolve(f.path());
                Files.createDirectories(out.getParent());
                Files.write(out, f.content());
                String found = shellcheck(options(f.text()), out);
                if (!found.isEmpty()) {
                    findings.add(found);
                }
                checked++;
            }
        }
        assertFalse(checked < 8, "rendered shell files found: " + checked);
        assertEquals(List.of(), findings);
    }

    @Test
    void theServerCommandsScriptsAreCleanPosixSh(@TempDir Path tmp) throws Exception {
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, String> e : ServerShell.serverCommandScripts().entrySet()) {
            Path out = tmp.resolve(e.getKey().replaceAll("[^A-Za-z0-9.]", "_") + ".sh");
            Files.writeString(out, e.getValue() + "\n");
            List<String> options = new ArrayList<>(List.of("--shell=sh"));
            if (e.getKey().startsWith("ServerCommands.listReleases(")) {
                // ls | grep on release folders: their names are release ids (letters, digits and -), never odd.
                options.add("--exclude=SC2010");
            }
            String found = shellcheck(options, out);
            if (!found.isEmpty()) {
                findings.add(e.getKey() + ":\n" + found);
            }
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void theJobLibraryIsCleanPartByPartAndAsAReleaseCarriesIt(@TempDir Path tmp) throws Exception {
        List<String> findings = new ArrayList<>();
        for (String part : ProjectFiles.JOB_LIB_PARTS) {
            String found = shellcheck(List.of(), ProjectFiles.path(part));
            if (!found.isEmpty()) {
                findings.add(found);
            }
        }
        // Put together, a part's shellcheck directives must still mean what they meant in the part.
        Path lib = tmp.resolve(PlanScript.LIBRARY_FILE);
        Files.writeString(lib, PlanScript.library());
        String found = shellcheck(List.of(), lib);
        if (!found.isEmpty()) {
            findings.add(found);
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void aWarningIsReported(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.sh");
        Files.writeString(bad, "#!/bin/sh\nrm -rf $DIR/*\n");
        assertFalse(shellcheck(List.of(), bad).isEmpty());
    }
}
