package dev.berth.preflight;

import static dev.berth.preflight.Outcome.FAIL;
import static dev.berth.preflight.Outcome.PASS;
import static dev.berth.preflight.Outcome.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Requirements;
import dev.berth.bundle.Requirements.Gpu;
import dev.berth.target.Facts;
import dev.berth.target.Fixtures;
import dev.berth.ssh.Privilege;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
    static final Facts CENTOS = Fixtures.facts("centos7.txt");
    static final Facts UBUNTU = Fixtures.facts("ubuntu1804-gpu.txt");
    static final Facts KYLIN = Fixtures.facts("kylin-v10-arm.txt");
    static final Facts EULER = Fixtures.facts("openeuler-os-release.txt");

    static CheckResult one(Analyzer a, Requirements req, Facts f) {
        return one(a, req, f, Map.of(), "demo");
    }

    static CheckResult one(Analyzer a, Requirements req, Facts f, Map<String, Integer> ports, String project) {
        List<CheckResult> r = a.analyze(new PreflightInput(req, f, ports, PreflightContext.of(project)));
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    @Test
    void absentRequirementsGiveNoResult() {
        PreflightInput in = new PreflightInput(Requirements.none(), CENTOS, Map.of(), PreflightContext.of("x"));
        for (Analyzer a : List.of(new ArchCheck(), new OsCheck(), new CpuCheck(), new MemoryCheck(), new DiskCheck(),
                new GpuCheck(), new PortCheck(), new SysctlCheck(), new NofileCheck())) {
            assertTrue(a.analyze(in).isEmpty(), a.getClass().getSimpleName());
        }
    }

    @Test
    void arch() {
        Requirements x86 = Reqs.with(b -> b.arch("x86_64"));
        assertEquals(PASS, one(new ArchCheck(), x86, CENTOS).outcome());
        CheckResult arm = one(new ArchCheck(), x86, KYLIN);
        assertEquals(FAIL, arm.outcome());
        assertTrue(arm.reason().en().contains("ARM (aarch64)"), arm.reason().en());
        assertTrue(arm.reason().zh().contains("ARM"));
        assertEquals(PASS, one(new ArchCheck(), Reqs.with(b -> b.arch("amd64", "arm64")), KYLIN).outcome());
        assertEquals(WARN, one(new ArchCheck(), x86, EULER).outcome());
    }

    @Test
    void osFamilyByIdOrIdLike() {
        Requirements rhel = Reqs.with(b -> b.os("rhel"));
        assertEquals(PASS, one(new OsCheck(), rhel, CENTOS).outcome(), "centos has ID_LIKE rhel");
        assertEquals(WARN, one(new OsCheck(), rhel, UBUNTU).outcome());
        assertEquals(PASS, one(new OsCheck(), Reqs.with(b -> b.os("debian")), UBUNTU).outcome());
        assertEquals(PASS, one(new OsCheck(), Reqs.with(b -> b.os("openEuler")), EULER).outcome());
        assertEquals(PASS, one(new OsCheck(), Reqs.with(b -> b.os("fedora")), KYLIN).outcome());
        Facts unknown = dev.berth.target.FactsParser.parse("=== probe ===\nuid=0\n");
        assertEquals(WARN, one(new OsCheck(), rhel, unknown).outcome());
    }

    @Test
    void cores() {
        assertEquals(FAIL, one(new CpuCheck(), Reqs.with(b -> b.cores(32, null)), CENTOS).outcome());
        assertEquals(WARN, one(new CpuCheck(), Reqs.with(b -> b.cores(16, 32)), CENTOS).outcome());
        assertEquals(PASS, one(new CpuCheck(), Reqs.with(b -> b.cores(16, 16)), CENTOS).outcome());
        assertEquals(WARN, one(new CpuCheck(), Reqs.with(b -> b.cores(2, null)), EULER).outcome());
    }

    @Test
    void memoryWithSlack() {
        // CentOS fixture: MemTotal 16265960 kB = 15.5 GiB, MemAvailable 11.3 GiB
        CheckResult sixteen = one(new MemoryCheck(), Reqs.with(b -> b.memory(16.0, null)), CENTOS);
        assertEquals(WARN, sixteen.outcome(), "a 16 GiB machine meets a 16 GiB minimum, but is busy");
        assertTrue(sixteen.reason().en().contains("other programs"), sixteen.reason().en());
        assertEquals(PASS, one(new MemoryCheck(), Reqs.with(b -> b.memory(12.0, null)), CENTOS).outcome());
        CheckResult tooSmall = one(new MemoryCheck(), Reqs.with(b -> b.memory(18.0, null)), CENTOS);
        assertEquals(FAIL, tooSmall.outcome());
        assertTrue(tooSmall.reason().en().contains("16 GiB"), "15.5 GiB shown rounded: " + tooSmall.reason().en());
        CheckResult rec = one(new MemoryCheck(), Reqs.with(b -> b.memory(8.0, 32.0)), CENTOS);
        assertEquals(WARN, rec.outcome());
        assertTrue(rec.reason().en().contains("32 GiB or more is recommended"), rec.reason().en());
        assertEquals(PASS, one(new MemoryCheck(), Reqs.with(b -> b.memory(16.0, 32.0)), UBUNTU).outcome(),
                "31 GiB MemTotal meets a 32 GiB recommendation with slack");
    }

    static Facts withInstall(String dir, String installSection) {
        return dev.berth.target.FactsParser.parse(Fixtures.raw("local-debian12.txt")
                .replace("install_dir=/opt/berth-test", "install_dir=" + dir)
                .replace("=== install ===\n", "=== install-path ===\n" + installSection + "\n=== install ===\n"));
    }

    @Test
    void installDirThatASymbolicLinkLeadsElsewhereFails() {
        Facts linked = withInstall("/opt/berth/demo", "existing=/opt/berth\nresolved=/data/berth\n");
        CheckResult r = one(new InstallDirCheck(), Requirements.none(), linked);
        assertEquals(FAIL, r.outcome());
        assertEquals("install-dir", r.id());
        assertTrue(r.reason().en().contains("/opt/berth") && r.reason().en().contains("/data/berth"), r.reason().en());
        assertTrue(r.remedy().en().contains("/data/berth/demo"), "the real path to type instead: " + r.remedy().en());
        assertTrue(r.reason().zh().contains("符号链接"), r.reason().zh());

        Facts itself = withInstall("/opt/berth/demo", "existing=/opt/berth/demo\nresolved=/srv/elsewhere\n");
        assertEquals(FAIL, one(new InstallDirCheck(), Requirements.none(), itself).outcome());
        assertTrue(one(new InstallDirCheck(), Requirements.none(), itself).remedy().en().contains("/srv/elsewhere"));

        Facts unknown = withInstall("/opt/berth/demo", "existing=/opt/berth\nresolved=\n");
        assertEquals(WARN, one(new InstallDirCheck(), Requirements.none(), unknown).outcome());

        // Where it is as typed there is nothing to say; recorded outputs from before this check say nothing either.
        Facts fine = withInstall("/opt/berth/demo", "existing=/opt\nresolved=/opt\n");
        PreflightInput in = new PreflightInput(Requirements.none(), fine, Map.of(), PreflightContext.of("demo"));
        assertTrue(new InstallDirCheck().analyze(in).isEmpty());
        assertTrue(new InstallDirCheck().analyze(new PreflightInput(Requirements.none(), CENTOS, Map.of(),
                PreflightContext.of("demo"))).isEmpty());
    }

    private static Facts probed(String diskSection, String installSection) {
        return dev.berth.target.FactsParser.parse(Fixtures.raw("local-debian12.txt")
                .replace("install_dir=/opt/berth-test", "install_dir=/opt/stack")
                .replace("=== disk ===\npath=/opt\n", "=== disk ===\n" + diskSection)
                .replace("=== install ===\nexists=no\n", "=== install ===\n" + installSection));
    }

    @Test
    void dataOnANetworkOrWindowsFilesystemIsWarnedAbout() {
        CheckResult nfs = one(new DataFolderCheck(), Requirements.none(), probed("path=/mnt/share\nfstype=nfs\n",
                "exists=no\n"));
        assertEquals(WARN, nfs.outcome());
        assertEquals("data-filesystem", nfs.id());
        assertTrue(nfs.reason().en().contains("/mnt/share is on a network filesystem (nfs)"), nfs.reason().en());
        assertTrue(nfs.reason().zh().contains("网络文件系统"), nfs.reason().zh());
        assertTrue(nfs.remedy().en().contains("local disks"), nfs.remedy().en());
        CheckResult vfat = one(new DataFolderCheck(), Requirements.none(), probed("path=/media/usb\nfstype=msdos\n",
                "exists=no\n"));
        assertTrue(vfat.reason().en().contains("no Unix owners or symbolic links"), vfat.reason().en());
        PreflightInput local = new PreflightInput(Requirements.none(), probed("path=/opt\nfstype=ext2/ext3\n",
                "exists=no\n"), Map.of(), PreflightContext.of("demo"));
        assertTrue(new DataFolderCheck().analyze(local).isEmpty(), "a local disk: nothing to say");
    }

    @Test
    void aFirstInstallOntoADataFolderThatHoldsFilesIsWarnedAbout() {
        CheckResult left = one(new DataFolderCheck(), Requirements.none(), probed("path=/opt\nfstype=xfs\n",
                "exists=yes\nreal_path=/opt/stack\nreleases=no\ndata_entries=3\n"));
        assertEquals(WARN, left.outcome());
        assertEquals("data-leftovers", left.id());
        assertTrue(left.reason().en().contains("/opt/stack/data already holds 3 entries, but Berth never deployed here"),
                left.reason().en());
        assertTrue(left.remedy().en().contains("Let Berth move it aside to /opt/stack/data.leftover-<time> (kept as it"
                + " is, nothing is deleted)"), left.remedy().en());
        assertEquals("Move /opt/stack/data aside to data.leftover-<time> (kept, not deleted)",
                left.fix().orElseThrow().label().en());
        // Berth's own earlier deploy put the data there: that is the data to keep, nothing to warn about.
        PreflightInput redeploy = new PreflightInput(Requirements.none(), probed("path=/opt\nfstype=xfs\n",
                "exists=yes\nreal_path=/opt/stack\nreleases=yes\ndata_entries=3\n"), Map.of(),
                PreflightContext.of("demo"));
        assertTrue(new DataFolderCheck().analyze(redeploy).isEmpty());
        PreflightInput empty = new PreflightInput(Requirements.none(), probed("path=/opt\nfstype=xfs\n",
                "exists=yes\nreal_path=/opt/stack\nreleases=no\n"), Map.of(), PreflightContext.of("demo"));
        assertTrue(new DataFolderCheck().analyze(empty).isEmpty(), "no data folder yet");
    }

    @Test
    void disk() {
        assertEquals(FAIL, one(new DiskCheck(), Reqs.with(b -> b.disk(512)), CENTOS).outcome());
        assertEquals(PASS, one(new DiskCheck(), Reqs.with(b -> b.disk(10)), CENTOS).outcome());
        assertEquals(WARN, one(new DiskCheck(), Reqs.with(b -> b.disk(1)), EULER).outcome());
        Facts local = Fixtures.facts("local-debian12.txt");
        assertEquals(PASS, one(new DiskCheck(), Reqs.with(b -> b.disk(5)), local).outcome());
    }

    @Test
    void gpuDistinguishesDriverDevicesAndToolkit() {
        Requirements req = Reqs.with(b -> b.gpu(Gpu.REQUIRED));
        Requirements opt = Reqs.with(b -> b.gpu(Gpu.OPTIONAL));
        CheckResult noDriver = one(new GpuCheck(), req, CENTOS);
        assertEquals(FAIL, noDriver.outcome());
        assertTrue(noDriver.reason().en().contains("no NVIDIA driver"));
        assertEquals(PASS, one(new GpuCheck(), opt, CENTOS).outcome());

        Facts noDevices = Fixtures.facts("nvidia-smi-no-devices.txt");
        CheckResult none = one(new GpuCheck(), req, noDevices);
        assertEquals(FAIL, none.outcome());
        assertTrue(none.reason().en().contains("No devices were found"));
        assertEquals(WARN, one(new GpuCheck(), opt, noDevices).outcome());

        Facts noToolkit = Fixtures.facts("nvidia-smi-driver-no-toolkit.txt");
        CheckResult tk = one(new GpuCheck(), req, noToolkit);
        assertEquals(FAIL, tk.outcome());
        assertTrue(tk.reason().en().contains("NVIDIA Container Toolkit"));
        assertTrue(tk.remedy().en().contains("nvidia-ctk runtime configure"));
        assertEquals(WARN, one(new GpuCheck(), opt, noToolkit).outcome());

        CheckResult eight = one(new GpuCheck(), req, Fixtures.facts("nvidia-smi-8-a100.txt"));
        assertEquals(PASS, eight.outcome());
        assertTrue(eight.reason().en().contains("NVIDIA A100-SXM4-40GB ×8"), eight.reason().en());
        assertEquals(PASS, one(new GpuCheck(), req, UBUNTU).outcome());
    }

    @Test
    void docker() {
        Requirements min = Reqs.with(b -> b.docker("20.10"));
        CheckResult old = one(new DockerCheck(), min, CENTOS);
        assertEquals(FAIL, old.outcome());
        assertTrue(old.reason().en().contains("1.13.1"));
        assertEquals(PASS, one(new DockerCheck(), Reqs.with(b -> b.docker("1.13")), CENTOS).outcome());
        assertTrue(one(new DockerCheck(), Reqs.with(b -> b.docker("1.13")), CENTOS).reason().en().contains("sudo"));
        assertEquals(PASS, one(new DockerCheck(), min, UBUNTU).outcome());
        assertEquals(FAIL, one(new DockerCheck(), Reqs.with(b -> b.docker("25.0")), UBUNTU).outcome());
        CheckResult denied = one(new DockerCheck(), min, KYLIN);
        assertEquals(FAIL, denied.outcome());
        assertTrue(denied.remedy().en().contains("usermod -aG docker ops"), denied.remedy().en());
        CheckResult missing = one(new DockerCheck(), min, EULER);
        assertEquals(FAIL, missing.outcome());
        assertTrue(missing.reason().en().contains("not installed"));
        assertEquals(PASS, one(new DockerCheck(), min, Fixtures.facts("local-debian12.txt")).outcome(),
                "20.10.24+dfsg1");
    }

    @Test
    void compose() {
        CheckResult v1 = one(new ComposeCheck(), Reqs.with(b -> b.compose(null, true)), CENTOS);
        assertEquals(FAIL, v1.outcome());
        assertTrue(v1.reason().en().contains("needs Compose v2"));
        assertTrue(v1.remedy().en().contains("cli-plugins"));
        assertEquals(FAIL, one(new ComposeCheck(), Reqs.with(b -> b.compose("1.29", false)), CENTOS).outcome());
        assertEquals(PASS, one(new ComposeCheck(), Reqs.with(b -> b.compose("1.18", false)), CENTOS).outcome());
        assertEquals(PASS, one(new ComposeCheck(), Reqs.with(b -> b.compose("2.0", true)), KYLIN).outcome(),
                "v2 standalone counts as v2");
        assertEquals(PASS, one(new ComposeCheck(), Reqs.with(b -> b.compose("2.20", true)), UBUNTU).outcome());
        assertEquals(FAIL, one(new ComposeCheck(), Reqs.with(b -> b.compose("2.24", true)), UBUNTU).outcome());
        assertEquals(FAIL, one(new ComposeCheck(), Requirements.none(), EULER).outcome());
    }

    @Test
    void portsNameTheHolderAndAcceptOurOwnContainers() {
        Requirements req = Reqs.with(b -> b.ports("WEB_PORT"));
        CheckResult mysql = one(new PortCheck(), req, CENTOS, Map.of("WEB_PORT", 3306), "demo");
        assertEquals(FAIL, mysql.outcome());
        assertTrue(mysql.reason().en().contains("mysqld (pid 3310)"), mysql.reason().en());
        assertTrue(mysql.remedy().en().contains("3307 is free"), mysql.remedy().en());
        assertEquals(PASS, one(new PortCheck(), req, CENTOS, Map.of("WEB_PORT", 39080), "demo").outcome());
        assertEquals(FAIL, one(new PortCheck(), req, CENTOS, Map.of("WEB_PORT", 9200), "demo").outcome(),
                "bound to one address only is still taken");

        CheckResult ours = one(new PortCheck(), req, UBUNTU, Map.of("WEB_PORT", 8080), "demo");
        assertEquals(PASS, ours.outcome());
        assertTrue(ours.reason().en().contains("demo-web-1"));
        CheckResult theirs = one(new PortCheck(), req, UBUNTU, Map.of("WEB_PORT", 8080), "other");
        assertEquals(FAIL, theirs.outcome());
        assertTrue(theirs.reason().en().contains("container demo-web-1 (demo)"), theirs.reason().en());
        assertEquals(FAIL, one(new PortCheck(), req, UBUNTU, Map.of("WEB_PORT", 80), "demo").outcome());

        CheckResult hidden = one(new PortCheck(), req, KYLIN, Map.of("WEB_PORT", 5000), "demo");
        assertEquals(FAIL, hidden.outcome());
        assertTrue(hidden.reason().en().contains("cannot see"));
        assertEquals(WARN, one(new PortCheck(), req, KYLIN, Map.of(), "demo").outcome());
        assertEquals(FAIL, one(new PortCheck(), req, KYLIN, Map.of("WEB_PORT", 70000), "demo").outcome());
        assertEquals(WARN, one(new PortCheck(), req, EULER, Map.of("WEB_PORT", 80), "demo").outcome(),
                "no ss/netstat output");
    }

    @Test
    void sysctlWithFix() {
        Requirements req = Reqs.with(b -> b.sysctl("vm.max_map_count", 262144));
        CheckResult low = one(new SysctlCheck(), req, CENTOS);
        assertEquals(FAIL, low.outcome());
        Fix fix = low.fix().orElseThrow();
        assertEquals(Privilege.SUDO, fix.command().privilege());
        assertEquals(List.of("sudo", "-n", "sh", "-c", SysctlCheck.SCRIPT, "berth-sysctl", "vm.max_map_count", "262144",
                "/etc/sysctl.d/99-berth.conf"), fix.command().fullArgv());
        CheckResult rootFix = one(new SysctlCheck(), req, Fixtures.facts("local-debian12.txt"));
        assertEquals(Privilege.NONE, rootFix.fix().orElseThrow().command().privilege());
        assertEquals(PASS, one(new SysctlCheck(), req, UBUNTU).outcome());
        assertTrue(one(new SysctlCheck(), req, UBUNTU).fix().isEmpty());
        assertEquals(WARN, one(new SysctlCheck(), Reqs.with(b -> b.sysctl("net.no.such", 1)), UBUNTU).outcome());
    }

    @Test
    void nofile() {
        Requirements req = Reqs.with(b -> b.nofile(65536));
        assertEquals(PASS, one(new NofileCheck(), req, CENTOS).outcome());
        assertEquals(PASS, one(new NofileCheck(), req, UBUNTU).outcome(), "daemon.json default-ulimits 65536");
        CheckResult low = one(new NofileCheck(), Reqs.with(b -> b.nofile(100000)), UBUNTU);
        assertEquals(FAIL, low.outcome());
        assertTrue(low.reason().en().contains("daemon.json"));
        assertEquals(WARN, one(new NofileCheck(), req, EULER).outcome());
        CheckResult local = one(new NofileCheck(), req, Fixtures.facts("local-debian12.txt"));
        assertEquals(FAIL, local.outcome(), "containerd here has 20000");
    }

    @Test
    void sudo() {
        assertEquals(PASS, one(new SudoCheck(), Requirements.none(), CENTOS).outcome());
        assertEquals(PASS, one(new SudoCheck(), Requirements.none(), UBUNTU).outcome());
        assertEquals(FAIL, one(new SudoCheck(), Requirements.none(), KYLIN).outcome());
        Facts dockerGroup = dev.berth.target.FactsParser.parse(
                "=== probe ===\nuid=1000\nuser=dev\nsudo=no\n=== docker ===\naccess=direct\nserver_version=24.0.7\n");
        assertEquals(WARN, one(new SudoCheck(), Requirements.none(), dockerGroup).outcome());
    }

    @Test
    void tools() {
        assertEquals(PASS, one(new ToolsCheck(), Requirements.none(), CENTOS).outcome());
        assertEquals(WARN, one(new ToolsCheck(), Requirements.none(), EULER).outcome());
        Facts bare = dev.berth.target.FactsParser.parse(
                "=== tools ===\ncurl=no\nwget=no\nflock=no\nsetsid=yes\nsha256sum=yes\n");
        CheckResult r = one(new ToolsCheck(), Requirements.none(), bare);
        assertEquals(FAIL, r.outcome());
        assertTrue(r.reason().en().contains("flock"));
        Facts noHttp = dev.berth.target.FactsParser.parse(
                "=== tools ===\ncurl=no\nwget=no\nflock=yes\nsetsid=yes\nsha256sum=yes\n");
        assertEquals(WARN, one(new ToolsCheck(), Requirements.none(), noHttp).outcome());
    }
}
