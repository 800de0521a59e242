package dev.berth.target;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.Privilege;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real probe on this machine through a RemoteShell that executes locally. */
@IntegrationTest
class ProberTest {

    @Test
    void probesThisMachineInOneExec(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("not/yet/there");
        LocalShell shell = new LocalShell();
        ProbeResult r = Prober.probe(shell, install.toString(), List.of("vm.dirty_ratio"));
        assertEquals(1, shell.execCount);
        assertEquals(0, r.exitCode());
        assertTrue(r.wallTime().toMillis() > 0);
        Facts f = r.facts();
        assertTrue(f.complete(), f.raw());
        assertEquals(System.getProperty("os.arch").equals("amd64") ? "x86_64" : f.host().arch(), f.host().arch());
        assertEquals(Runtime.getRuntime().availableProcessors(), f.host().cores());
        assertTrue(f.host().os().isKnown());
        assertNotNull(f.host().memTotalKiB());
        assertEquals(dir.toString(), f.disk().path(), "nearest existing ancestor of the install dir");
        assertTrue(f.disk().freeBytes() > 0);
        assertFalse(f.installDir().exists());
        assertEquals(install.toString(), f.installDir().path());
        assertTrue(f.sysctl().values().containsKey("vm.dirty_ratio"));
        assertTrue(f.sysctl().values().containsKey("vm.max_map_count"));
        assertTrue(f.tools().has("sha256sum"));
        assertEquals(0, f.access().uid());
        assertFalse(f.ports().listening().isEmpty());
        assertTrue(f.docker().access() == DockerAccess.DIRECT || f.docker().access() == DockerAccess.UNREACHABLE);
        assertFalse(f.docker().composes().isEmpty(), "docker-compose 1.29.2 is installed here");
    }

    @Test
    void seesAPreviousRelease(@TempDir Path dir) throws Exception {
        Path release = Files.createDirectories(dir.resolve("releases/r1/.berth"));
        Files.writeString(release.resolve("release.json"), "{\"project\":\"demo\"}");
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/r1"));
        Facts f = Prober.probe(new LocalShell(), dir.toString()).facts();
        assertTrue(f.installDir().exists());
        assertEquals("releases/r1", f.installDir().previousRelease().currentTarget());
        assertEquals("{\"project\":\"demo\"}", f.installDir().previousRelease().releaseJson());
    }

    @Test
    void installDirWithShellSyntaxIsOnlyData(@TempDir Path dir) throws IOException, Exception {
        Path marker = dir.resolve("pwned");
        String evil = dir + "/x'; touch " + marker + "; echo '";
        Facts f = Prober.probe(new LocalShell(), evil).facts();
        assertTrue(f.complete());
        assertEquals(evil, f.installDir().path());
        assertFalse(Files.exists(marker));
    }

    @Test
    void probeSurvivesAMinimalPath(@TempDir Path dir) throws Exception {
        // Only bash and coreutils basics: docker, ss, nvidia-smi and friends are "missing"; the probe still ends.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("bash", "cat", "grep", "cut", "sed", "tr", "uname", "id", "dirname", "df",
                "awk", "head", "hostname", "nproc")) {
            Path target = Path.of("/usr/bin", tool);
            if (!Files.exists(target)) {
                target = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
        LocalShell shell = new LocalShell();
        var r = shell.exec(RemoteCommand.script("env -i PATH=" + bin + " " + bin + "/bash --noprofile --norc -s -- /opt/x"),
                Prober.script().replace("PATH=\"$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"",
                        "PATH=\"$PATH\"").getBytes(), Prober.TIMEOUT);
        Facts f = FactsParser.parse(r.stdout());
        assertTrue(f.complete(), r.stdout() + r.stderr());
        assertEquals(DockerAccess.MISSING, f.docker().access());
        assertEquals("", f.ports().tool());
        assertFalse(f.tools().has("flock"));
        assertTrue(f.host().os().isKnown());
    }

    @Test
    void probesAsAnUnprivilegedUserWithoutSudo(@TempDir Path dir) throws Exception {
        // setpriv drops to nobody for the probe only: the same limits as a plain login without docker group.
        String script = Prober.script();
        LocalShell asNobody = new LocalShell() {
            @Override
            public dev.berth.ssh.ExecResult exec(RemoteCommand command, byte[] stdin, java.time.Duration timeout)
                    throws dev.berth.ssh.SshException {
                return super.exec(RemoteCommand.script("cd / && HOME=/ setpriv --reuid=65534 --regid=65534 --clear-groups " + command.toShell()),
                        stdin, timeout);
            }
        };
        Facts f = Prober.probe(asNobody, "/opt/berth-nobody").facts();
        assertTrue(f.complete(), f.raw());
        assertEquals(65534, f.access().uid());
        assertFalse(f.access().isRoot());
        assertFalse(f.access().sudoWorks());
        assertEquals(Privilege.SUDO, f.access().privilege());
        assertEquals(DockerAccess.UNREACHABLE, f.docker().access());
        assertTrue(f.docker().error().contains("permission denied"), f.docker().error());
        assertTrue(f.ports().listening().stream().noneMatch(ListeningPort::processVisible),
                "other users' processes stay hidden");
        assertTrue(script.contains("sudo -n"));
    }

    @Test
    void seesTheFilesystemAndWhatADataFolderAlreadyHolds(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("stack/data/mysql"));
        Files.writeString(dir.getParent().resolve("ibdata1"), "left over");
        Facts f = Prober.probe(new LocalShell(), dir.getParent().getParent().toString()).facts();
        assertEquals(2, f.installDir().traces().dataEntries(), f.raw());
        assertTrue(f.installDir().traces().firstInstall(), "no record, no release");
        String fs = TestTarget.runLocalOk("stat -f -c %T '" + tmp + "'").strip();
        assertEquals(fs, f.disk().fsType(), "the filesystem of the nearest existing folder");

        Facts none = Prober.probe(new LocalShell(), tmp.toRealPath() + "/other").facts();
        assertEquals(-1, none.installDir().traces().dataEntries(), "no install dir: nothing known");
    }

    @Test
    void findsWhereTheExistingPartOfTheInstallDirReallyIs(@TempDir Path tmp) throws Exception {
        Path dir = tmp.toRealPath();
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("link"), real);
        Files.createSymbolicLink(dir.resolve("self"), real);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));

        Facts plain = Prober.probe(new LocalShell(), real + "/demo").facts();
        assertEquals(real.toString(), plain.installDir().existingPart());
        assertEquals(real.toString(), plain.installDir().resolvedPart());
        assertEquals(java.util.Optional.empty(), plain.installDir().leadsElsewhere());

        Facts parentLink = Prober.probe(new LocalShell(), dir + "/link/demo").facts();
        assertEquals(dir + "/link", parentLink.installDir().existingPart());
        assertEquals(java.util.Optional.of(real.toString()), parentLink.installDir().leadsElsewhere());

        Facts itself = Prober.probe(new LocalShell(), dir + "/self").facts();
        assertTrue(itself.installDir().exists());
        assertEquals(java.util.Optional.of(real.toString()), itself.installDir().leadsElsewhere());

        Facts dangling = Prober.probe(new LocalShell(), dir + "/dangling/demo").facts();
        assertEquals(dir + "/dangling", dangling.installDir().existingPart());
        assertEquals(java.util.Optional.of(dir + "/nowhere"), dangling.installDir().leadsElsewhere());
    }
}
