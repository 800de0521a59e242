package dev.berth.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shell Berth runs on servers must work on CentOS 7: bash 4.2 and coreutils 8.22. No bash 4.2 can be had on
 * this machine, so this static check is the test: it bans what those versions lack, by the version that added it
 * (bash NEWS / coreutils NEWS). What 4.2 has stays allowed: declare -g, ${x^^}, coproc, mapfile without -d,
 * printf -v, test -v, {fd}> redirections; and timeout --preserve-status (8.21), sort -V, realpath, stat --printf,
 * date +%s%3N.
 */
class Bash42PortabilityTest {
    record Rule(Pattern pattern, String why) {}

    static final List<Rule> RULES = List.of(
            rule("\\b(local|declare|typeset)\\s+(-[a-zA-Z]*n[a-zA-Z]*)\\b", "namerefs need bash 4.3"),
            rule("\\bwait\\s+(-[a-zA-Z]*[nfp])", "wait -n needs bash 4.3, wait -f 5.0, wait -p 5.1"),
            rule("\\$\\{[^}]*@[QEPAaKkULu]\\}", "${x@...} transformations need bash 4.4 (U, u, L: 5.1)"),
            rule("\\b(mapfile|readarray)\\b[^;\\n]*\\s-d\\b", "mapfile -d needs bash 4.4"),
            rule("\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]+\\]\\}|\\b[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]+\\]=",
                    "negative array subscripts need bash 4.3"),
            rule("\\blocal\\s+-\\s*($|;)", "local - needs bash 4.4"),
            rule("\\b(EPOCHSECONDS|EPOCHREALTIME|BASH_ARGV0|SRANDOM)\\b", "these variables need bash 5.0 or 5.1"),
            rule("\\benv\\s+(-S|--split-string|-C|--chdir)\\b", "env -S needs coreutils 8.30, env -C 8.28"),
            rule("--ignore-missing\\b", "sha*sum --ignore-missing needs coreutils 8.25"),
            rule("\\bstatus=progress\\b", "dd status=progress needs coreutils 8.24"),
            rule("\\b(b2sum|basenc)\\b", "b2sum needs coreutils 8.26, basenc 8.31"),
            rule("\\bdate\\b[^;\\n|]*--debug\\b", "date --debug needs coreutils 8.26"),
            rule("--update=", "cp/mv --update=WHEN needs coreutils 9.3"));

    private static Rule rule(String regex, String why) {
        return new Rule(Pattern.compile(regex), why);
    }

    /** What in this shell text a CentOS 7 server cannot run, one line each; comments are not code. */
    static List<String> problems(String name, String text) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (Rule r : RULES) {
                if (r.pattern().matcher(line).find()) {
                    problems.add(name + " line " + (i + 1) + ": " + r.why() + ": " + line.strip());
                }
            }
            // Bash before 4.4 takes "${a[@]}" of an empty array for unset under set -u: only arrays that are
            // never empty may be expanded whole.
            var arrays = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\[[@*]\\]\\}").matcher(line);
            while (arrays.find()) {
                if (!arrays.group(1).equals("BERTH_COMPOSE")) {
                    problems.add(name + " line " + (i + 1) + ": ${" + arrays.group(1)
                            + "[@]} fails under set -u on bash 4.2 when the array is empty");
                }
            }
        }
        return problems;
    }

    @Test
    void theShellBerthRunsOnServersUsesNothingBash42OrCoreutils822Lacks() throws Exception {
        Map<String, String> scripts = ServerShell.all();
        assertTrue(scripts.keySet().stream().anyMatch(k -> k.startsWith("ServerCommands.startJob")), scripts.keySet().toString());
        assertTrue(scripts.keySet().containsAll(ProjectFiles.JOB_LIB_PARTS), scripts.keySet().toString());
        List<String> problems = new ArrayList<>();
        scripts.forEach((name, text) -> problems.addAll(problems(name, text)));
        assertEquals(List.of(), problems);
    }

    @Test
    void eachPartOfTheJobLibrarySaysWhatItNeedsAndWhatItMustKeepTo() {
        List<String> problems = new ArrayList<>();
        ProjectFiles.jobLibrary().forEach((name, text) -> {
            // The header: the comment lines the part opens with.
            StringBuilder header = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.startsWith("#")) {
                    break;
                }
                header.append(line).append('\n');
            }
            for (String must : List.of("# Needs: bash 4.2+, coreutils 8.22+", "Must keep to bash 4.2 (CentOS 7)",
                    "no namerefs", "no wait -n", "no ${x@Q}", "no mapfile -d")) {
                if (!header.toString().contains(must)) {
                    problems.add(name + ": its header does not say \"" + must + "\"");
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void eachBannedConstructIsCaughtAndWhatBash42HasIsNot() {
        String bad = String.join("\n", "local -n ref=$1", "wait -n", "echo \"${x@Q}\"", "mapfile -d '' -t a < f",
                "echo \"${a[-1]}\"", "t=$EPOCHSECONDS", "env -S 'a b'", "sha256sum -c --ignore-missing s",
                "dd if=a of=b status=progress", "b2sum f", "cp --update=none a b", "printf '%s' \"${files[@]}\"");
        assertEquals(12, problems("bad", bad).size(), problems("bad", bad).toString());
        String fine = String.join("\n", "declare -g X=1", "echo \"${x^^}\"", "coproc cat", "mapfile -t a < f",
                "printf -v y %s 1", "timeout --preserve-status -k 10 5 sleep 1", "sort -V", "realpath .",
                "stat --printf '%s' f", "date +%s%3N", "wait \"$pid\"", "# wait -n is not used", "\"${BERTH_COMPOSE[@]}\" ps");
        assertEquals(List.of(), problems("fine", fine));
    }
}
