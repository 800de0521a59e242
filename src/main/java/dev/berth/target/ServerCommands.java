package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file and process commands a deployment needs on the server, as values. Each is a small {@code sh -c} script
 * with the variable parts passed as positional arguments, so they are quoted once by {@link RemoteCommand} and
 * never re-parsed.
 */
public record ServerCommands(Privilege privilege) {

    private RemoteCommand sh(String script, String... args) {
        return RemoteCommand.script(script, args).withPrivilege(privilege);
    }

    /**
     * Unpacks a tar stream from stdin into a new release folder, which must not exist yet (releases are immutable),
     * then gives each listed file (release-relative path → numeric uid:gid) to the user the container that reads it
     * runs as; all before the release gets its name, so a failed chown leaves only the {@code .partial} folder.
     */
    public RemoteCommand unpackRelease(String releaseDir, Map<String, String> owners) {
        List<String> args = new ArrayList<>(List.of(releaseDir));
        new TreeMap<>(owners).forEach((path, owner) -> {
            args.add(owner);
            args.add(path);
        });
        return sh("set -e; umask 022; [ ! -e \"$1\" ] || { echo \"release $1 already exists\" >&2; exit 17; }; "
                + "mkdir -p \"$1.partial\"; tar -xf - -C \"$1.partial\" --no-same-owner; "
                + "d=$1; shift; while [ $# -ge 2 ]; do chown -h -- \"$1\" \"$d.partial/$2\"; shift 2; done; "
                + "mv \"$d.partial\" \"$d\"",
                args.toArray(String[]::new));
    }

    /**
     * Starts a plan detached from the SSH session, in its own session, immune to hang-up; prints its pid. The pid is
     * also written beside the journal so a follower can tell a finished job from a dead one. The job's output may
     * hold service output: it is created private.
     */
    public RemoteCommand startJob(String planScript, String stateDir) {
        return sh("umask 077; cd \"$2\" || exit 1; "
                + "if command -v setsid >/dev/null 2>&1; then S=setsid; else S=; fi; "
                + "$S nohup bash \"$1\" > \"$2/job.out\" 2>&1 < /dev/null & "
                + "echo $! > \"$2/job.pid\"; echo $!",
                planScript, stateDir);
    }

    /**
     * Prints the journal from the start and keeps following it until the job process ({@code job.pid}) is gone.
     * Followers skip the lines they have already seen, so reattaching after a disconnect is the same call.
     */
    public RemoteCommand followJournal(String journal, String stateDir) {
        return sh("while [ ! -e \"$1\" ]; do [ -e \"$2/job.pid\" ] && ! kill -0 \"$(cat \"$2/job.pid\")\" 2>/dev/null && break; sleep 1; done; "
                + "pid=$(cat \"$2/job.pid\" 2>/dev/null); "
                + "if [ -n \"$pid\" ] && tail --pid=1 -n 0 /dev/null >/dev/null 2>&1; then "
                + "exec tail -n +1 -F --pid=\"$pid\" \"$1\" 2>/dev/null; else exec tail -n +1 -F \"$1\" 2>/dev/null; fi",
                journal, stateDir);
    }

    /** Prints "running" while the job of this state folder is alive, else "stopped". */
    public RemoteCommand jobRunning(String stateDir) {
        return sh("if [ -e \"$1/job.pid\" ] && kill -0 \"$(cat \"$1/job.pid\")\" 2>/dev/null; then echo running; "
                + "else echo stopped; fi", stateDir);
    }

    /** Prints the whole journal once. */
    public RemoteCommand readJournal(String journal) {
        return sh("cat \"$1\"", journal);
    }

    /**
     * Streams stdin into {@code dir/name.part} from byte {@code offset} on (0: a new part) and prints the sha256 of
     * the whole part when it was written in one pass (sha256sum's line), "resumed" when it was appended to; exits
     * non-zero unless the part then holds exactly {@code size} bytes. A part cut short (link dropped, Berth killed)
     * stays for the next upload to go on from; one the server could not write (disk full) is removed, since going on
     * would fill the disk again; parts untouched for three days are removed. docker load is only ever given the final
     * name.
     */
    public RemoteCommand receiveFile(String dir, String name, long size, long offset) {
        // One pass: tee writes the file while sha256sum hashes the same stream (a second read of a 20 GB file on a
        // slow disk outlasts the upload's idle limit). An append is hashed afterwards by hashPart, on its own call.
        // Folders with the usual modes (the install dir's parents must stay traversable); the file itself private.
        return sh("set -e; umask 022; mkdir -p \"$1\"; umask 077; p=\"$1/$2.part\"; "
                + "find \"$1\" -maxdepth 1 -type f -name '*.part' -mmin +4320 -exec rm -f {} + 2>/dev/null || true; "
                + "trap 'exit 1' HUP INT TERM PIPE; "
                + "rm -f \"$p.failed\"; "
                + "if [ \"$4\" = 0 ]; then sum=$({ tee \"$p\" || : > \"$p.failed\"; } | sha256sum); else "
                + "n=$(wc -c < \"$p\" | tr -d ' '); [ \"$n\" = \"$4\" ] || { echo \"the part holds $n bytes, not $4\" >&2; exit 75; }; "
                + "cat >> \"$p\" || : > \"$p.failed\"; sum=resumed; fi; "
                + "if [ -e \"$p.failed\" ]; then rm -f \"$p\" \"$p.failed\"; echo \"could not write $p (disk full?)\" >&2; exit 1; fi; "
                + "n=$(wc -c < \"$p\" | tr -d ' '); "
                + "[ \"$n\" = \"$3\" ] || { echo \"received $n of $3 bytes\" >&2; exit 1; }; "
                + "echo \"$sum\"",
                dir, name, Long.toString(size), Long.toString(offset));
    }

    /** {@link #uninstall}'s script; its exit 75 means a deploy job holds the install's lock. */
    static final String UNINSTALL = "set -u; d=$1; p=$2; all=$3; "
            + "[ -d \"$d/.berth\" ] || { echo \"no Berth deployment in $d\" >&2; exit 66; }; "
            + "exec 9>\"$d/.berth/lock\"; flock -n 9 || { echo \"a deployment is running in $d\" >&2; exit 75; }; "
            + "f=\"label=com.docker.compose.project=$p\"; c=$(docker ps -aq --filter \"$f\"); "
            + "if [ -n \"$c\" ]; then docker stop -t 30 $c >/dev/null && docker rm -f $c >/dev/null || exit 1; fi; "
            + "echo \"containers $(printf '%s' \"$c\" | grep -c .)\"; "
            + "n=$(docker network ls -q --filter \"$f\"); [ -z \"$n\" ] || docker network rm $n >/dev/null || exit 1; "
            + "echo \"networks $(printf '%s' \"$n\" | grep -c .)\"; "
            + "if [ \"$all\" = yes ]; then v=$(docker volume ls -q --filter \"$f\"); "
            + "[ -z \"$v\" ] || docker volume rm $v >/dev/null || exit 1; echo \"volumes $(printf '%s' \"$v\" | grep -c .)\"; "
            + "rm -rf -- \"$d\" || exit 1; echo removed; "
            + "else rm -rf -- \"$d/releases\" \"$d/current\" \"$d/active\" \"$d/images\" || exit 1; "
            + "find \"$d/.berth\" -mindepth 1 -maxdepth 1 ! -name lock ! -name install.json ! -name secrets.yaml "
            + "-exec rm -rf -- {} + || exit 1; echo kept; fi";

    /**
     * Takes the stack off the server: under the install's deploy lock (so no job is half-way), stops its containers
     * (30 s each to shut down cleanly) and removes them and its networks, found by Compose's project label (so it
     * works whichever Compose deployed them, and for a release that never went live); then removes the releases,
     * tarballs and Berth's state. Unless {@code removeData} it keeps {@code data/}, the project's named volumes and
     * what a later deploy needs to use that data again: the install's record (the same project) and the generated
     * secrets the data was initialised with. With it, the whole install dir and the volumes go. Prints
     * "containers N", "networks N" ("volumes N"), then "removed" or "kept".
     */
    public RemoteCommand uninstall(String installDir, String project, boolean removeData) {
        return sh(UNINSTALL, installDir, project, removeData ? "yes" : "no");
    }

    /**
     * Prints the {@code backup.json} of every whole backup in the folder (one JSON object a line; a folder still
     * {@code .partial} is not a backup yet), nothing when there is none.
     */
    public RemoteCommand listBackups(String backupsDir) {
        return sh("for d in \"$1\"/*; do case $d in *.partial) continue ;; esac; "
                + "[ -f \"$d/backup.json\" ] && head -n 1 \"$d/backup.json\"; done; true", backupsDir);
    }

    /** Names an uploaded backup's folder as a whole backup: private, then renamed from {@code .partial}. */
    public RemoteCommand acceptBackup(String backupDir) {
        return sh("set -e; chmod 700 \"$1.partial\"; chmod 600 \"$1.partial\"/*; mv -T \"$1.partial\" \"$1\"", backupDir);
    }

    /** Prints one member of a backup archive (the first of that name; tar stops reading there). */
    public RemoteCommand backupMember(String archive, String member) {
        return sh("tar -xzOf \"$1\" --occurrence=1 -- \"$2\"", archive, member);
    }

    /** Reads stdin and keeps nothing: what the link's rate is measured with. */
    public RemoteCommand discardInput() {
        return sh("cat > /dev/null");
    }

    /** How many bytes of {@code dir/name} arrived before an upload was cut short: the part's size, 0 when none. */
    public RemoteCommand partSize(String dir, String name) {
        return sh("if [ -f \"$1/$2.part\" ]; then wc -c < \"$1/$2.part\" | tr -d ' '; else echo 0; fi", dir, name);
    }

    /** The sha256 of the first {@code bytes} of the part (all of it when that is its size), sha256sum's line. */
    public RemoteCommand hashPart(String dir, String name, long bytes) {
        return sh("head -c \"$3\" \"$1/$2.part\" | sha256sum", dir, name, Long.toString(bytes));
    }

    /** Accepts a received file under its final name. */
    public RemoteCommand acceptFile(String dir, String name) {
        return sh("mv -f \"$1/$2.part\" \"$1/$2\"", dir, name);
    }

    /** Removes a received part whose checksum did not match: it cannot be gone on from. */
    public RemoteCommand discardFile(String dir, String name) {
        return sh("rm -f \"$1/$2.part\"", dir, name);
    }

    /** Lists release folders, oldest first, and where {@code current} points. */
    public RemoteCommand listReleases(String releasesDir, String current) {
        return sh("echo \"current $(readlink \"$2\" 2>/dev/null)\"; ls -1 \"$1\" 2>/dev/null | grep -v '\\.partial$' | sed 's/^/release /'",
                releasesDir, current);
    }

    /** Reads a small file, printing nothing when it is absent (the last job's id, a job's status). */
    public RemoteCommand readFile(String path) {
        return sh("cat \"$1\" 2>/dev/null || true", path);
    }

    /** Prints a file, exiting 1 when there is no such file: tells an absent file from an empty one. */
    public RemoteCommand readExistingFile(String path) {
        return sh("test -f \"$1\" && exec cat \"$1\"", path);
    }

    /**
     * Prints a file from byte {@code offset} on (0: all of it), for a download to go on where an earlier one was cut
     * short. Exits 66 with a sentence on stderr when there is no such file, 65 when it holds fewer than
     * {@code offset} bytes (it is not the file the part came from).
     */
    public RemoteCommand sendFile(String path, long offset) {
        // tail -c +N starts at byte N counted from 1 (coreutils 8.22 has it), so N = offset + 1, passed ready-made
        // rather than left to the shell's arithmetic. wc -c < file only stats a regular file: no read of a large one.
        return sh("[ -f \"$1\" ] || { echo \"there is no file $1\" >&2; exit 66; }; "
                + "n=$(wc -c < \"$1\" | tr -d ' '); "
                + "[ \"$n\" -ge \"$2\" ] || { echo \"$1 holds $n bytes, fewer than the $2 already downloaded\" >&2; exit 65; }; "
                + "exec tail -c +\"$3\" \"$1\"",
                path, Long.toString(offset), Long.toString(offset + 1));
    }

    /** The sha256 of a whole file, sha256sum's line ("HEX  -"); exits 66 with a sentence when there is no such file. */
    public RemoteCommand fileSha256(String path) {
        // Read through stdin so a path with a backslash or newline does not make sha256sum escape its line.
        return sh("[ -f \"$1\" ] || { echo \"there is no file $1\" >&2; exit 66; }; exec sha256sum < \"$1\"", path);
    }

    /**
     * Reads the files that hold a deployment's previous answers in one round trip: for each path one line,
     * {@code absent}, {@code unreadable} or {@code present BASE64}. The last argument is the last-job file: the answers
     * of that job's release are read as the final path. A failing sudo fails the whole command (exit status non-zero).
     */
    public RemoteCommand readPreviousAnswers(String keptSecrets, String liveAnswers, String releasesDir,
                                             String lastJobFile) {
        return sh("one() { if [ ! -e \"$1\" ]; then echo absent; elif c=$(base64 < \"$1\"); then "
                + "printf 'present '; printf '%s' \"$c\" | tr -d '\\n'; echo; else echo unreadable; fi; }; "
                + "one \"$1\"; one \"$2\"; id=$(cat \"$4\" 2>/dev/null); "
                + "case \"$id\" in ''|*/*|.*) echo absent ;; *) one \"$3/$id/.berth/answers.yaml\" ;; esac",
                keptSecrets, liveAnswers, releasesDir, lastJobFile);
    }

    /** Writes stdin to a private file (0600), replacing it whole: a reader never sees half a file. */
    public RemoteCommand writePrivateFile(String path) {
        return sh("set -e; umask 022; mkdir -p \"$(dirname \"$1\")\"; umask 077; cat > \"$1.tmp\"; "
                + "chmod 600 \"$1.tmp\"; mv -f \"$1.tmp\" \"$1\"", path);
    }

    /** Writes stdin to a file only when it does not exist yet (a record made once, on the first deploy). */
    public RemoteCommand writeFileOnce(String path) {
        return sh("set -e; umask 022; mkdir -p \"$(dirname \"$1\")\"; "
                + "if [ -e \"$1\" ]; then cat > /dev/null; exit 0; fi; cat > \"$1.tmp\"; mv -f \"$1.tmp\" \"$1\"", path);
    }
}
