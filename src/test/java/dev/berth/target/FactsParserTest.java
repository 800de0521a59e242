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
        assertEquals("x86_64", f.host().arch());
        assertEquals("centos", f.host().os().id());
        assertEquals("7", f.host().os().versionId());
        assertEquals(List.of("centos", "rhel", "fedora"), f.host().os().families());
        assertEquals("CentOS Linux 7 (Core)", f.host().os().display());
        assertEquals(16, f.host().cores());
        assertTrue(f.host().hasCpuFlag("avx2"));
        assertTrue(f.host().hasCpuFlag("avx512f"));
        assertEquals(16265960L, f.host().memTotalKiB());
        assertEquals(11873252L, f.host().memAvailableKiB());
        assertEquals(8388604L, f.host().swapTotalKiB());
        assertEquals("/opt", f.disk().path());
        assertEquals(20945920L * 1024, f.disk().freeBytes());
        assertEquals(DockerAccess.SUDO, f.docker().access());
        assertEquals(Privilege.SUDO, f.docker().access().privilege());
        assertEquals("1.13.1", f.docker().version());
        assertEquals("", f.docker().error());
        assertEquals(new ComposeInstall(ComposeVariant.V1_STANDALONE, "1.18.0"), f.docker().compose().orElseThrow());
        assertEquals("ss", f.ports().tool());
        assertEquals(6, f.ports().listening().size());
        assertEquals(new ListeningPort("*", 3306, "mysqld", 3310), f.ports().listenersOn(3306).get(0));
        assertEquals(new ListeningPort("192.168.56.12", 9200, "java", 30992), f.ports().listenersOn(9200).get(0));
        assertEquals("httpd", f.ports().listenersOn(8081).get(0).process());
        assertEquals(2, f.ports().listenersOn(22).size());
        assertEquals("::", f.ports().listenersOn(22).get(1).address());
        assertEquals(65530L, f.sysctl().number("vm.max_map_count").orElseThrow());
        assertEquals(1024L, f.limits().nofileSoft());
        assertEquals(1048576L, f.limits().containerNofile());
        assertEquals("docker-containerd-current", f.limits().containerNofileSource());
        assertEquals(1000, f.access().uid());
        assertEquals("deploy", f.access().user());
        assertTrue(f.access().sudoWorks());
        assertFalse(f.access().isRoot());
        assertTrue(f.tools().has("flock"));
        assertFalse(f.tools().has("wget"));
        assertFalse(f.nvidia().smiPresent());
        assertTrue(f.nvidia().gpus().isEmpty());
        assertFalse(f.installDir().exists());
        assertNull(f.installDir().previousRelease());
        assertTrue(f.docker().images().isEmpty());
    }

    @Test
    void ubuntu1804WithGpuAndPreviousDeployment() {
        Facts f = Fixtures.facts("ubuntu1804-gpu.txt");
        assertEquals("ubuntu", f.host().os().id());
        assertEquals(List.of("debian"), f.host().os().idLike());
        assertEquals("18.04", f.host().os().versionId());
        assertEquals(List.of(new Gpu(0, "Tesla T4", 15360, "570.148.08")), f.nvidia().gpus());
        assertTrue(f.nvidia().toolkit());
        assertTrue(f.docker().runtimes().contains("nvidia"));
        assertEquals(DockerAccess.DIRECT, f.docker().access());
        assertEquals("24.0.7", f.docker().version());
        assertEquals(new ComposeInstall(ComposeVariant.V2_PLUGIN, "2.21.0"), f.docker().compose().orElseThrow());
        assertEquals(new ListeningPort("127.0.0.53%lo", 53, "systemd-resolve", 712), f.ports().listenersOn(53).get(0));
        assertEquals("nginx", f.ports().listenersOn(80).get(0).process());
        assertEquals("docker-proxy", f.ports().listenersOn(8080).get(0).process());
        assertEquals("::", f.ports().listenersOn(8080).get(1).address());
        assertEquals(List.of(new ContainerPorts("demo-web-1", "demo", List.of(8080))),
                f.ports().containersPublishing(8080));
        assertEquals(65536L, f.limits().containerNofile());
        assertEquals("daemon.json default-ulimits", f.limits().containerNofileSource());
        assertTrue(f.installDir().exists());
        assertEquals("releases/20240511-093000", f.installDir().previousRelease().currentTarget());
        assertEquals("20240511-093000", f.installDir().previousRelease().releaseId());
        assertTrue(f.installDir().previousRelease().releaseJson().contains("\"project\":\"demo\""));
        assertEquals("sha256:327c1ef2f1584dede1eaf41d990c6073d08fe34fa4432d910daf86b432431029",
                f.docker().images().get("berth-demo/web:1.0"));
        assertTrue(f.access().isRoot());
        assertFalse(f.access().sudoWorks());
    }

    @Test
    void kylinArmWithoutDockerAccess() {
        Facts f = Fixtures.facts("kylin-v10-arm.txt");
        assertEquals("aarch64", f.host().arch());
        assertEquals("kylin", f.host().os().id());
        assertEquals("V10", f.host().os().versionId());
        assertEquals(List.of("kylin", "fedora"), f.host().os().families());
        assertTrue(f.host().hasCpuFlag("asimd"));
        assertFalse(f.host().hasCpuFlag("avx"));
        assertEquals(DockerAccess.UNREACHABLE, f.docker().access());
        assertEquals("", f.docker().version());
        assertTrue(f.docker().error().contains("permission denied"));
        assertEquals(new ComposeInstall(ComposeVariant.V2_STANDALONE, "2.20.2"), f.docker().compose().orElseThrow());
        assertEquals(3, f.ports().listening().size());
        assertNull(f.ports().listenersOn(5000).get(0).process());
        assertTrue(f.ports().containers().isEmpty());
        assertNull(f.docker().rootFreeBytes());
        assertEquals(1037578240L * 1024, f.disk().freeBytes());
        assertFalse(f.access().sudoWorks());
        assertEquals(Privilege.SUDO, f.access().privilege());
    }

    @Test
    void openEulerHasMixedCaseIdAndNoIdLike() {
        Facts f = Fixtures.facts("openeuler-os-release.txt");
        assertFalse(f.complete());
        assertEquals("openEuler", f.host().os().id());
        assertEquals("24.03", f.host().os().versionId());
        assertEquals(List.of("openeuler"), f.host().os().families());
        assertEquals("openEuler 24.03 (LTS)", f.host().os().display());
        assertEquals(DockerAccess.MISSING, f.docker().access());
        assertNull(f.host().cores());
    }

    @Test
    void eightA100s() {
        Facts f = Fixtures.facts("nvidia-smi-8-a100.txt");
        assertEquals(8, f.nvidia().gpus().size());
        for (int i = 0; i < 8; i++) {
            assertEquals(new Gpu(i, "NVIDIA A100-SXM4-40GB", 40960, "580.126.09"), f.nvidia().gpus().get(i));
        }
        assertTrue(f.nvidia().toolkit());
        assertEquals("", f.nvidia().smiError());
    }

    @Test
    void nvidiaSmiWithoutDevices() {
        Facts f = Fixtures.facts("nvidia-smi-no-devices.txt");
        assertTrue(f.nvidia().smiPresent());
        assertTrue(f.nvidia().gpus().isEmpty());
        assertEquals("No devices were found", f.nvidia().smiError());
        assertFalse(f.nvidia().toolkit());
    }

    @Test
    void driverWithoutToolkit() {
        Facts f = Fixtures.facts("nvidia-smi-driver-no-toolkit.txt");
        assertEquals(List.of(new Gpu(0, "Quadro RTX 4000", 8192, "535.129.03")), f.nvidia().gpus());
        assertFalse(f.nvidia().toolkit());
    }

    @Test
    void realOutputOfThisMachine() {
        Facts f = Fixtures.facts("local-debian12.txt");
        assertTrue(f.complete());
        assertEquals("debian", f.host().os().id());
        assertEquals(2, f.host().cores());
        assertEquals("20.10.24+dfsg1", f.docker().version());
        assertEquals(new ComposeInstall(ComposeVariant.V1_STANDALONE, "1.29.2"), f.docker().compose().orElseThrow());
        assertEquals("65530", f.sysctl().values().get("vm.max_map_count"));
        assertEquals("20", f.sysctl().values().get("vm.dirty_ratio"));
        assertFalse(f.sysctl().values().containsKey("bad key;x"));
        assertEquals(List.of(new ContainerPorts("jobtest_web_1", "jobtest", List.of(18090))), f.ports().containers());
        assertEquals("/var/lib/berth-test-docker/data", f.docker().rootDir());
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
        assertNull(f.host().cores());
        assertEquals("", f.host().arch());
        assertFalse(f.host().os().isKnown());
        assertTrue(f.docker().compose().isEmpty());
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
