package dev.berth.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command of {@link ServerCommands}, compared whole with the command expected: script text, positional
 * arguments and privilege. What the scripts do on a server is tested by running them (ReleaseUnpackTest,
 * ImageUploaderTest, JournalFollowerTest, PreviousAnswersTest); this test shows what is sent, and fails on any change
 * to it.
 */
class ServerCommandsTest {
    /** A path a shell would split, expand or end a command at: it must stay one positional argument. */
    private static final String ODD = "/opt/my app/it's \"$HOME\"; rm -rf / `id`\nnext";

    private static final ServerCommands ROOT = new ServerCommands(Privilege.NONE);
    private static final ServerCommands SUDO = new ServerCommands(Privilege.SUDO);

    /** {@code sh -c body sh args...} with the privilege: the shape of every ServerCommands command. */
    private static RemoteCommand script(Privilege privilege, String body, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", body, "sh"));
        argv.addAll(Arrays.asList(args));
        return new RemoteCommand(argv, privilege, null);
    }

    /** The methods this test has expectations for; a new builder method fails {@link #everyCommandIsExpected}. */
    private static final Set<String> EXPECTED = Set.of("unpackRelease", "startJob", "followJournal", "jobRunning",
            "readJournal", "receiveFile", "acceptFile", "discardFile", "listReleases", "readFile", "readExistingFile",
            "readPreviousAnswers", "writePrivateFile", "writeFileOnce", "partSize", "hashPart", "discardInput", "uninstall",
            "sendFile", "fileSha256", "listBackups", "backupMember", "acceptBackup");

    @Test
    void everyCommandIsExpected() {
        Set<String> built = Arrays.stream(ServerCommands.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == RemoteCommand.class)
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED), built, "give each ServerCommands method an expectation below");
    }

    @Test
    void uninstallPassesTheProjectAndWhetherTheDataGoes() {
        assertEquals(script(Privilege.SUDO, ServerCommands.UNINSTALL, ODD, "demo-1a2b3c4d", "no"),
                SUDO.uninstall(ODD, "demo-1a2b3c4d", false));
        assertEquals(script(Privilege.NONE, ServerCommands.UNINSTALL, "/opt/demo", "demo", "yes"),
                ROOT.uninstall("/opt/demo", "demo", true));
    }

    @Test
    void unpackReleasePassesOwnersAsPairsInPathOrder() {
        String body = "set -e; umask 022; [ ! -e \"$1\" ] || { echo \"release $1 already exists\" >&2; exit 17; }; "
                + "mkdir -p \"$1.partial\"; tar -xf - -C \"$1.partial\" --no-same-owner; "
                + "d=$1; shift; while [ $# -ge 2 ]; do chown -h -- \"$1\" \"$d.partial/$2\"; shift 2; done; "
                + "mv \"$d.partial\" \"$d\"";
        assertEquals(script(Privilege.NONE, body, "/opt/x/releases/r1"), ROOT.unpackRelease("/opt/x/releases/r1", Map.of()));
        assertEquals(script(Privilege.SUDO, body, ODD, "636:636", "a b/c.yaml", "1000:1000", "conf/it's;$x.sh"),
                SUDO.unpackRelease(ODD, Map.of("conf/it's;$x.sh", "1000:1000", "a b/c.yaml", "636:636")));
    }

    @Test
    void startJobDetachesThePlanAndPrintsItsPid() {
        String body = "umask 077; cd \"$2\" || exit 1; "
                + "if command -v setsid >/dev/null 2>&1; then S=setsid; else S=; fi; "
                + "$S nohup bash \"$1\" > \"$2/job.out\" 2>&1 < /dev/null & "
                + "echo $! > \"$2/job.pid\"; echo $!";
        assertEquals(script(Privilege.SUDO, body, ODD + "/plan.sh", ODD),
                SUDO.startJob(ODD + "/plan.sh", ODD));
        assertEquals(script(Privilege.NONE, body, "/p/plan.sh", "/p"), ROOT.startJob("/p/plan.sh", "/p"));
    }

    @Test
    void followJournalTailsUntilTheJobIsGone() {
        String body = "while [ ! -e \"$1\" ]; do [ -e \"$2/job.pid\" ] && ! kill -0 \"$(cat \"$2/job.pid\")\" "
                + "2>/dev/null && break; sleep 1; done; "
                + "pid=$(cat \"$2/job.pid\" 2>/dev/null); "
                + "if [ -n \"$pid\" ] && tail --pid=1 -n 0 /dev/null >/dev/null 2>&1; then "
                + "exec tail -n +1 -F --pid=\"$pid\" \"$1\" 2>/dev/null; else exec tail -n +1 -F \"$1\" 2>/dev/null; fi";
        assertEquals(script(Privilege.SUDO, body, ODD + "/journal.jsonl", ODD),
                SUDO.followJournal(ODD + "/journal.jsonl", ODD));
    }

    @Test
    void jobRunningAndReadJournal() {
        assertEquals(script(Privilege.SUDO, "if [ -e \"$1/job.pid\" ] && kill -0 \"$(cat \"$1/job.pid\")\" "
                + "2>/dev/null; then echo running; else echo stopped; fi", ODD), SUDO.jobRunning(ODD));
        assertEquals(script(Privilege.NONE, "cat \"$1\"", ODD), ROOT.readJournal(ODD));
    }

    @Test
    void receiveResumeAcceptAndDiscardAnUploadedFile() {
        String receive = "set -e; umask 022; mkdir -p \"$1\"; umask 077; p=\"$1/$2.part\"; "
                + "find \"$1\" -maxdepth 1 -type f -name '*.part' -mmin +4320 -exec rm -f {} + 2>/dev/null || true; "
                + "trap 'exit 1' HUP INT TERM PIPE; "
                + "rm -f \"$p.failed\"; "
                + "if [ \"$4\" = 0 ]; then sum=$({ tee \"$p\" || : > \"$p.failed\"; } | sha256sum); else "
                + "n=$(wc -c < \"$p\" | tr -d ' '); [ \"$n\" = \"$4\" ] || { echo \"the part holds $n bytes, not $4\" >&2; exit 75; }; "
                + "cat >> \"$p\" || : > \"$p.failed\"; sum=resumed; fi; "
                + "if [ -e \"$p.failed\" ]; then rm -f \"$p\" \"$p.failed\"; echo \"could not write $p (disk full?)\" >&2; exit 1; fi; "
                + "n=$(wc -c < \"$p\" | tr -d ' '); "
                + "[ \"$n\" = \"$3\" ] || { echo \"received $n of $3 bytes\" >&2; exit 1; }; "
                + "echo \"$sum\"";
        assertEquals(script(Privilege.SUDO, receive, ODD, "web 1.0;$(x).tar", "21474836480", "0"),
                SUDO.receiveFile(ODD, "web 1.0;$(x).tar", 21_474_836_480L, 0));
        assertEquals(script(Privilege.NONE, receive, ODD, "web.tar", "900", "300"), ROOT.receiveFile(ODD, "web.tar", 900, 300));
        assertEquals(script(Privilege.SUDO, "if [ -f \"$1/$2.part\" ]; then wc -c < \"$1/$2.part\" | tr -d ' '; "
                + "else echo 0; fi", ODD, "web.tar"), SUDO.partSize(ODD, "web.tar"));
        assertEquals(script(Privilege.NONE, "head -c \"$3\" \"$1/$2.part\" | sha256sum", ODD, "web.tar", "300"),
                ROOT.hashPart(ODD, "web.tar", 300));
        assertEquals(script(Privilege.SUDO, "cat > /dev/null"), SUDO.discardInput());
        assertEquals(script(Privilege.NONE, "mv -f \"$1/$2.part\" \"$1/$2\"", ODD, "web.tar"),
                ROOT.acceptFile(ODD, "web.tar"));
        assertEquals(script(Privilege.SUDO, "rm -f \"$1/$2.part\"", ODD, "web.tar"), SUDO.discardFile(ODD, "web.tar"));
    }

    @Test
    void listReleasesSaysWhereCurrentPoints() {
        assertEquals(script(Privilege.SUDO, "echo \"current $(readlink \"$2\" 2>/dev/null)\"; ls -1 \"$1\" 2>/dev/null "
                        + "| grep -v '\\.partial$' | sed 's/^/release /'", ODD + "/releases", ODD + "/current"),
                SUDO.listReleases(ODD + "/releases", ODD + "/current"));
    }

    @Test
    void readFileIsQuietWhenAbsentAndReadExistingFileFails() {
        assertEquals(script(Privilege.SUDO, "cat \"$1\" 2>/dev/null || true", ODD), SUDO.readFile(ODD));
        assertEquals(script(Privilege.NONE, "test -f \"$1\" && exec cat \"$1\"", ODD), ROOT.readExistingFile(ODD));
        // On the wire the odd path is one single-quoted word, newline and all.
        assertEquals("'sudo' '-n' 'sh' '-c' 'cat \"$1\" 2>/dev/null || true' 'sh' "
                + "'/opt/my app/it'\\''s \"$HOME\"; rm -rf / `id`\nnext'", SUDO.readFile(ODD).toShell());
    }

    @Test
    void backupsAreListedReadAndAcceptedByPathUnderThePrivilege() {
        assertEquals(script(Privilege.SUDO, "for d in \"$1\"/*; do case $d in *.partial) continue ;; esac; "
                + "[ -f \"$d/backup.json\" ] && head -n 1 \"$d/backup.json\"; done; true", ODD), SUDO.listBackups(ODD));
        // The member is an operand after --: a release id never reads as an option, and tar stops at its first copy.
        assertEquals(script(Privilege.SUDO, "tar -xzOf \"$1\" --occurrence=1 -- \"$2\"", ODD + "/backup.tar.gz",
                "r1/.berth/answers.yaml"), SUDO.backupMember(ODD + "/backup.tar.gz", "r1/.berth/answers.yaml"));
        assertEquals(script(Privilege.NONE, "set -e; chmod 700 \"$1.partial\"; chmod 600 \"$1.partial\"/*; "
                + "mv -T \"$1.partial\" \"$1\"", "/opt/x/backups/b1"), ROOT.acceptBackup("/opt/x/backups/b1"));
    }

    @Test
    void sendFileGoesOnFromAnOffsetAndFileSha256HashesTheWholeFile() {
        String send = "[ -f \"$1\" ] || { echo \"there is no file $1\" >&2; exit 66; }; "
                + "n=$(wc -c < \"$1\" | tr -d ' '); "
                + "[ \"$n\" -ge \"$2\" ] || { echo \"$1 holds $n bytes, fewer than the $2 already downloaded\" >&2; exit 65; }; "
                + "exec tail -c +\"$3\" \"$1\"";
        // tail counts from 1: the whole file is +1, and going on after 20 GiB starts at byte 21474836481.
        assertEquals(script(Privilege.NONE, send, ODD, "0", "1"), ROOT.sendFile(ODD, 0));
        assertEquals(script(Privilege.SUDO, send, ODD, "21474836480", "21474836481"), SUDO.sendFile(ODD, 21_474_836_480L));
        assertEquals(script(Privilege.SUDO, "[ -f \"$1\" ] || { echo \"there is no file $1\" >&2; exit 66; }; "
                + "exec sha256sum < \"$1\"", ODD), SUDO.fileSha256(ODD));
    }

    @Test
    void readPreviousAnswersReadsThreeFilesInOneCall() {
        String body = "one() { if [ ! -e \"$1\" ]; then echo absent; elif c=$(base64 < \"$1\"); then "
                + "printf 'present '; printf '%s' \"$c\" | tr -d '\\n'; echo; else echo unreadable; fi; }; "
                + "one \"$1\"; one \"$2\"; id=$(cat \"$4\" 2>/dev/null); "
                + "case \"$id\" in ''|*/*|.*) echo absent ;; *) one \"$3/$id/.berth/answers.yaml\" ;; esac";
        assertEquals(script(Privilege.SUDO, body, ODD + "/kept.yaml", ODD + "/current/.berth/answers.yaml",
                        ODD + "/releases", ODD + "/last-job"),
                SUDO.readPreviousAnswers(ODD + "/kept.yaml", ODD + "/current/.berth/answers.yaml", ODD + "/releases",
                        ODD + "/last-job"));
    }

    @Test
    void writesReplaceWholeOrOnlyOnce() {
        assertEquals(script(Privilege.SUDO, "set -e; umask 022; mkdir -p \"$(dirname \"$1\")\"; umask 077; "
                + "cat > \"$1.tmp\"; chmod 600 \"$1.tmp\"; mv -f \"$1.tmp\" \"$1\"", ODD), SUDO.writePrivateFile(ODD));
        assertEquals(script(Privilege.NONE, "set -e; umask 022; mkdir -p \"$(dirname \"$1\")\"; "
                + "if [ -e \"$1\" ]; then cat > /dev/null; exit 0; fi; cat > \"$1.tmp\"; mv -f \"$1.tmp\" \"$1\"", ODD),
                ROOT.writeFileOnce(ODD));
    }
}
