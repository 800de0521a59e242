package dev.berth.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.JournalEventType;
import dev.berth.deploy.JournalField;
import dev.berth.deploy.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract between the planner on the laptop and job-lib.sh on the server: every function a plan.sh calls is
 * defined in one of the library's parts, and every event a part writes is one {@link JournalEventType} knows, with
 * the fields it lists (numbers marked as numbers). Pure: reads the files, runs nothing.
 */
class JobLibraryContractTest {
    /** What PlanScript.render calls around the steps. */
    static final List<String> SCRIPT_CALLS = List.of("job_begin", "step", "job_end");

    static Set<String> plannedFunctions() throws Exception {
        Set<String> called = new TreeSet<>(SCRIPT_CALLS);
        for (DeployPlan plan : BundlePlans.all().values()) {
            for (PlanStep s : plan.steps()) {
                called.add(s.call().get(0));
            }
        }
        return called;
    }

    /**
     * What is wrong between a job library's parts (name → text) and the functions the plans call; empty when they
     * agree.
     */
    static List<String> problems(Map<String, String> parts, Set<String> called) {
        List<String> problems = new ArrayList<>();
        Set<String> defined = new TreeSet<>();
        List<ShellSource.EventCall> calls = new ArrayList<>();
        List<String> where = new ArrayList<>();
        parts.forEach((name, text) -> {
            ShellSource part = new ShellSource(text);
            defined.addAll(part.functions());
            for (ShellSource.EventCall call : part.eventCalls()) {
                calls.add(call);
                where.add(name);
            }
        });
        for (String f : called) {
            if (!defined.contains(f)) {
                problems.add("the plan calls " + f + ", which job-lib.sh does not define");
            }
        }
        Map<JournalEventType, Set<String>> written = new java.util.EnumMap<>(JournalEventType.class);
        for (int i = 0; i < calls.size(); i++) {
            ShellSource.EventCall call = calls.get(i);
            String at = where.get(i) + " line " + call.line() + " (" + call.function() + "): ";
            String name = call.name();
            if (name == null) {
                problems.add(at + "berth_event needs a literal event name, not " + call.words());
                continue;
            }
            JournalEventType type = JournalEventType.of(name).orElse(null);
            if (type == null) {
                problems.add(at + "event " + name + " is not in JournalEventType");
                continue;
            }
            if (!call.pairsComplete()) {
                problems.add(at + "event " + name + " has a key without a value: " + call.words());
            }
            Set<String> keys = written.computeIfAbsent(type, t -> new LinkedHashSet<>());
            for (String word : call.keys()) {
                String key = ShellSource.literal(word);
                if (key == null) {
                    problems.add(at + "event " + name + " needs literal field names, not " + word);
                    continue;
                }
                boolean number = key.endsWith("#");
                String bare = number ? key.substring(0, key.length() - 1) : key;
                JournalField field = type.fields().stream().filter(f -> f.key().equals(bare)).findFirst().orElse(null);
                if (field == null) {
                    problems.add(at + "event " + name + " writes field " + bare + ", which JournalEventType."
                            + type + " does not list");
                } else if (field.number() != number) {
                    problems.add(at + "event " + name + " writes " + bare + " as a " + (number ? "number" : "string")
                            + ", JournalField." + field + " says " + (field.number() ? "number (key#)" : "string"));
                } else {
                    keys.add(bare);
                }
            }
        }
        for (JournalEventType type : JournalEventType.values()) {
            Set<String> keys = written.get(type);
            if (keys == null) {
                problems.add("JournalEventType." + type + " (" + type.wireName() + ") is never written by job-lib.sh");
                continue;
            }
            for (JournalField f : type.fields()) {
                if (!keys.contains(f.key())) {
                    problems.add("JournalEventType." + type + " lists " + f.key() + ", which job-lib.sh never writes");
                }
            }
        }
        return problems;
    }

    @Test
    void everyFunctionThePlansCallIsDefinedAndEveryEventTheLibraryWritesIsKnown() throws Exception {
        Set<String> called = plannedFunctions();
        assertEquals(List.of(), problems(ProjectFiles.jobLibrary(), called));
        // The plans reach every step function (else a planner branch would go unchecked).
        assertTrue(called.containsAll(List.of("load_images", "require_images", "make_data_dirs", "validate_compose",
                "activate_release", "stage_up", "wait_http", "wait_command", "hook_exec", "switch_current")), called.toString());
    }

    @Test
    void theReaderSeesEveryEventCallOfTheLibrary() {
        // A reader that missed calls would pass anything: the library writes these many events in these functions.
        List<ShellSource.EventCall> calls = new ArrayList<>();
        ProjectFiles.jobLibrary().values().forEach(text -> calls.addAll(new ShellSource(text).eventCalls()));
        Set<String> names = new TreeSet<>();
        calls.forEach(c -> names.add(c.name()));
        Set<String> all = new TreeSet<>();
        for (JournalEventType t : JournalEventType.values()) {
            all.add(t.wireName());
        }
        assertEquals(all, names);
        assertTrue(calls.stream().anyMatch(c -> c.function().equals("berth_fail") && "job-end".equals(c.name())
                && c.keys().contains("failedService")), "a call over continuation lines: " + calls);
    }

    /** The library with one more text added to one of its parts. */
    private static Map<String, String> withAddedTo(String part, String more) {
        Map<String, String> lib = new LinkedHashMap<>(ProjectFiles.jobLibrary());
        lib.put(part, lib.get(part) + more);
        return lib;
    }

    @Test
    void theLibraryHasOnePartPerConcern() {
        assertEquals(List.of("job-lib/settings.sh", "job-lib/journal.sh", "job-lib/compose.sh", "job-lib/swarm.sh",
                "job-lib/waiting.sh", "job-lib/steps.sh", "job-lib/backup.sh", "job-lib/lifecycle.sh"),
                List.copyOf(ProjectFiles.jobLibrary().keySet()));
    }

    @Test
    void aNewEventTheJavaSideDoesNotKnowIsCaughtWithItsPartAndLine() {
        Map<String, String> lib = withAddedTo("job-lib/waiting.sh", "\nnew_thing() {\n    berth_event brand-new what \"$1\"\n}\n");
        assertEquals(List.of("job-lib/waiting.sh line " + (lib.get("job-lib/waiting.sh").split("\n", -1).length - 2)
                + " (new_thing): event brand-new is not in JournalEventType"), problems(lib, Set.of()));
    }

    @Test
    void aFieldTheEnumDoesNotListOrAWrongNumberMarkIsCaught() {
        Map<String, String> lib = withAddedTo("job-lib/steps.sh",
                "\nx() {\n    berth_event step-end step \"$1\" ms \"$2\" size# 3\n}\n");
        List<String> problems = problems(lib, Set.of());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("writes ms as a string, JournalField.MS says number (key#)"), problems.toString());
        assertTrue(problems.get(1).endsWith("writes field size, which JournalEventType.STEP_END does not list"),
                problems.toString());
    }

    @Test
    void aPlanStepNamingAFunctionTheLibraryLacksIsCaught() {
        assertEquals(List.of("the plan calls load_everything, which job-lib.sh does not define"),
                problems(ProjectFiles.jobLibrary(), Set.of("job_begin", "load_everything")));
    }
}
