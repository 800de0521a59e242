package dev.berth.target;

import dev.berth.ssh.Privilege;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FactsParserTest {

    @Test
    void centos7() {
        Facts f = Fixtures.facts("centos7.txt");
        assertTrue(f.complete());
        assertEquals("x86_64", f.arch());
        assertEquals("centos", f.os().id());
        assertEquals("7", f.os().versionId());
        assertEquals(List.of("centos", "rhel", "fedora"), f.os().families());
        assertEquals("CentOS Linux 7 (Core)", f.os().display());
        assertEquals(16, f.cores());
        assertTrue(f.hasCpuFlag("avx2"));
        assertTrue(f.hasCpuFlag("avx512f"));
        assertEquals(16265960L, f.memTotalKiB());
        assertEquals(11873252L, f.memAvailableKiB());
        assertEquals(8388604L, f.swapTotalKiB());
        assertEquals("/opt", f.diskPath());
        assertEquals(20945920L * 1024, f.diskFreeBytes());
        assertEquals(DockerAccess.SUDO, f.dockerAccess());
        assertEquals(Privilege.SUDO, f.dockerAccess().privilege());
        assertEquals("1.13.1", f.dockerVersion());
        assertEquals("", f.dockerError());
        assertEquals(new ComposeInstall(ComposeVariant.V1_STANDALONE, "1.18.0"), f.compose().orElseThrow());
        assertEquals("ss", f.portTool());
        assertEquals(6, f.listeningPorts().size());
        assertEquals(new ListeningPort("*", 3306, "mysqld", 3310), f.listenersOn(3306).get(0));
        assertEquals(new ListeningPort("192.168.56.12", 9200, "java", 30992), f.listenersOn(9200).get(0));
        assertEquals("httpd", f.listenersOn(8081).get(0).process());
        assertEquals(2, f.listenersOn(22).size());
        assertEquals("::", f.listenersOn(22).get(1).address());
        assertEquals(65530L, f.sysctlNumber("vm.max_map_count").orElseThrow());
        assertEquals(1024L, f.nofileSoft());
        assertEquals(1048576L, f.containerNofile());
        assertEquals("docker-containerd-current", f.containerNofileSource());
        assertEquals(1000, f.uid());
        assertEquals("deploy", f.user());
        assertTrue(f.sudoWorks());
        assertFalse(f.isRoot());
        assertTrue(f.hasTool("flock"));
        assertFalse(f.hasTool("wget"));
        assertFalse(f.nvidiaSmiPresent());
        assertTrue(f.gpus().isEmpty());
        assertFalse(f.installDirExists());
        assertNull(f.previousRelease());
        assertTrue(f.images().isEmpty());
    }

    @Test
    void ubuntu1804WithGpuAndPreviousDeployment() {
        Facts f = Fixtures.facts("ubuntu1804-gpu.txt");
        assertEquals("ubuntu", f.os().id());
        assertEquals(List.of("debian"), f.os().idLike());
        assertEquals("18.04", f.os().versionId());
        assertEquals(List.of(new Gpu(0, "Tesla T4", 15360, "570.148.08")), f.gpus());
        assertTrue(f.gpuToolkit());
        assertTrue(f.dockerRuntimes().contains("nvidia"));
        assertEquals(DockerAccess.DIRECT, f.dockerAccess());
        assertEquals("24.0.7", f.dockerVersion());
        assertEquals(new ComposeInstall(ComposeVariant.V2_PLUGIN, "2.21.0"), f.compose().orElseThrow());
        assertEquals(new ListeningPort("127.0.0.53%lo", 53, "systemd-resolve", 712), f.listenersOn(53).get(0));
        assertEquals("nginx", f.listenersOn(80).get(0).process());
        assertEquals("docker-proxy", f.listenersOn(8080).get(0).process());
        assertEquals("::", f.listenersOn(8080).get(1).address());
        assertEquals(List.of(new ContainerPorts("demo-web-1", "demo", List.of(8080))), f.containersPublishing(8080));
        assertEquals(65536L, f.containerNofile());
        assertEquals("daemon.json default-ulimits", f.containerNofileSource());
        assertTrue(f.installDirExists());
        assertEquals("releases/20240511-093000", f.previousRelease().currentTarget());
        assertEquals("20240511-093000", f.previousRelease().releaseId());
        assertTrue(f.previousRelease().releaseJson().contains("\"project\":\"demo\""));
        assertEquals("sha256:327c1ef2f1584dede1eaf41d990c6073d08fe34fa4432d910daf86b432431029",
                f.images().get("berth-demo/web:1.0"));
        assertTrue(f.isRoot());
        assertFalse(f.sudoWorks());
    }

    @Test
    void kylinArmWithoutDockerAccess() {
        Facts f = Fixtures.facts("kylin-v10-arm.txt");
        assertEquals("aarch64", f.arch());
        assertEquals("kylin", f.os().id());
        assertEquals("V10", f.os().versionId());
        assertEquals(List.of("kylin", "fedora"), f.os().families());
        assertTrue(f.hasCpuFlag("asimd"));
        assertFalse(f.hasCpuFlag("avx"));
        assertEquals(DockerAccess.UNREACHABLE, f.dockerAccess());
        assertEquals("", f.dockerVersion());
        assertTrue(f.dockerError().contains("permission denied"));
        assertEquals(new ComposeInstall(ComposeVariant.V2_STANDALONE, "2.20.2"), f.compose().orElseThrow());
        assertEquals(3, f.listeningPorts().size());
        assertNull(f.listenersOn(5000).get(0).process());
        assertTrue(f.containers().isEmpty());
        assertNull(f.dockerRootFreeBytes());
        assertEquals(1037578240L * 1024, f.diskFreeBytes());
        assertFalse(f.sudoWorks());
        assertEquals(Privilege.SUDO, f.privilege());
    }

    @Test
    void openEulerHasMixedCaseIdAndNoIdLike() {
        Facts f = Fixtures.facts("openeuler-os-release.txt");
        assertFalse(f.complete());
        assertEquals("openEuler", f.os().id());
        assertEquals("24.03", f.os().versionId());
        assertEquals(List.of("openeuler"), f.os().families());
        assertEquals("openEuler 24.03 (LTS)", f.os().display());
        assertEquals(DockerAccess.MISSING, f.dockerAccess());
        assertNull(f.cores());
    }

    @Test
    void eightA100s() {
        Facts f = Fixtures.facts("nvidia-smi-8-a100.txt");
        assertEquals(8, f.gpus().size());
        for (int i = 0; i < 8; i++) {
            assertEquals(new Gpu(i, "NVIDIA A100-SXM4-40GB", 40960, "580.126.09"), f.gpus().get(i));
        }
        assertTrue(f.gpuToolkit());
        assertEquals("", f.nvidiaSmiError());
    }

    @Test
    void nvidiaSmiWithoutDevices() {
        Facts f = Fixtures.facts("nvidia-smi-no-devices.txt");
        assertTrue(f.nvidiaSmiPresent());
        assertTrue(f.gpus().isEmpty());
        assertEquals("No devices were found", f.nvidiaSmiError());
        assertFalse(f.gpuToolkit());
    }

    @Test
    void driverWithoutToolkit() {
        Facts f = Fixtures.facts("nvidia-smi-driver-no-toolkit.txt");
        assertEquals(List.of(new Gpu(0, "Quadro RTX 4000", 8192, "535.129.03")), f.gpus());
        assertFalse(f.gpuToolkit());
    }

    @Test
    void realOutputOfThisMachine() {
        Facts f = Fixtures.facts("local-debian12.txt");
        assertTrue(f.complete());
        assertEquals("debian", f.os().id());
        assertEquals(2, f.cores());
        assertEquals("20.10.24+dfsg1", f.dockerVersion());
        assertEquals(new ComposeInstall(ComposeVariant.V1_STANDALONE, "1.29.2"), f.compose().orElseThrow());
        assertEquals("65530", f.sysctl().get("vm.max_map_count"));
        assertEquals("20", f.sysctl().get("vm.dirty_ratio"));
        assertFalse(f.sysctl().containsKey("bad key;x"));
        assertEquals(List.of(new ContainerPorts("jobtest_web_1", "jobtest", List.of(18090))), f.containers());
        assertEquals("/var/lib/berth-test-docker/data", f.dockerRootDir());
        assertTrue(f.raw().contains("=== end ==="));
    }

    @Test
    void netstatFallbackAndOldSsFormats() {
        List<ListeningPort> ports = FactsParser.listeningPorts(List.of(
                "Active Internet connections (only servers)",
                "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name",
                "tcp        0      0 127.0.0.1:22220         0.0.0.0:*               LISTEN      5761/sshd: /usr/sbi",
                "tcp        0      0 0.0.0.0:2024            0.0.0.0:*               LISTEN      -",
                "tcp6       0      0 :::80                   :::*                    LISTEN      1402/nginx: master"));
        assertEquals(List.of(new ListeningPort("127.0.0.1", 22220, "sshd", 5761),
                new ListeningPort("0.0.0.0", 2024, null, null),
                new ListeningPort("::", 80, "nginx", 1402)), ports);
        // CentOS 6 ss prints users:(("sshd",1010,3)) without "pid="
        assertEquals(List.of(new ListeningPort("*", 22, "sshd", 1010)), FactsParser.listeningPorts(
                List.of("LISTEN     0      128       *:22      *:*      users:((\"sshd\",1010,3))")));
    }

    @Test
    void garbageGivesEmptyFactsNotAnError() {
        Facts f = FactsParser.parse("bash: line 1: syntax error\n=== system ===\ncores=abc\n");
        assertFalse(f.complete());
        assertNull(f.cores());
        assertEquals("", f.arch());
        assertFalse(f.os().isKnown());
        assertTrue(f.compose().isEmpty());
    }

    @Test
    void redhatReleaseWhenNoOsRelease() {
        OsRelease os = FactsParser.osRelease(List.of(), List.of("CentOS release 6.10 (Final)"));
        assertEquals("centos", os.id());
        assertEquals("6.10", os.versionId());
        assertEquals(List.of("centos", "rhel"), os.families());
    }

    @Test
    void publishedPortRanges() {
        List<ContainerPorts> c = FactsParser.containers(List.of("x\tp\t0.0.0.0:8000-8002->8000-8002/tcp, 9000/tcp"));
        assertEquals(List.of(8000, 8001, 8002), c.get(0).hostPorts());
    }
}
