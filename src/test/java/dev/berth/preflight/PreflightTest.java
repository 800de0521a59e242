package dev.berth.preflight;

import dev.berth.ssh.RemoteCommand;
import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.target.Facts;
import dev.berth.target.FactsParser;
import dev.berth.target.Fixtures;
import dev.berth.target.ProbeResult;
import dev.berth.target.Prober;
import dev.berth.ssh.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class PreflightTest {

    private static String table(PreflightReport r) {
        return r.results().stream().map(c -> c.id() + " " + c.outcome()).collect(Collectors.joining("\n"));
    }

    /** Golden table: the CentOS 7 server against a CoStrict-sized requirement set. */
    @Test
    void centos7AgainstDemandingRequirements() {
        PreflightReport r = Preflight.run(Reqs.demanding(), Fixtures.facts("centos7.txt"), Reqs.DEMANDING_PORTS,
                PreflightContext.of("costrict"));
        assertEquals(String.join("\n",
                "arch PASS",
                "os PASS",
                "cores WARN",
                "memory FAIL",
                "disk FAIL",
                "gpu FAIL",
                "docker FAIL",
                "compose FAIL",
                "port:PORT_APISIX_ENTRY PASS",
                "port:PORT_MYSQL FAIL",
                "port:PORT_ES FAIL",
                "sysctl:vm.max_map_count FAIL",
                "nofile PASS",
                "sudo PASS",
                "tools PASS"), table(r));
        assertEquals(Outcome.FAIL, r.worst());
        assertFalse(r.canProceed());
        assertTrue(r.find("sysctl:vm.max_map_count").orElseThrow().fix().isPresent());
        assertTrue(r.find("port:PORT_ES").orElseThrow().reason().en().contains("java (pid 30992)"));
        // every non-passing result tells the operator what to do, in both languages
        for (CheckResult c : r.results()) {
            if (c.outcome() != Outcome.PASS) {
                assertFalse(c.remedy().en().isBlank(), c.id());
                assertFalse(c.remedy().zh().isBlank(), c.id());
            }
        }
    }

    @Test
    void ubuntuGpuServerPassesTheDemoBundleWithItsOwnPortInUse() {
        PreflightReport r = Preflight.run(Reqs.demo(), Fixtures.facts("ubuntu1804-gpu.txt"),
                Map.of("WEB_PORT", 8080), PreflightContext.of("demo"));
        assertEquals(Outcome.PASS, r.worst(), table(r));
        assertTrue(r.canProceed());
    }

    /** The real probe of this machine (2 cores, no GPU), parsed and judged. */
    @Test
    void thisMachineProbedAndJudged(@TempDir Path dir) throws Exception {
        ProbeResult probe = Prober.probe(new dev.berth.target.LocalShellAccess().shell(),
                dir.resolve("berth").toString());
        Facts f = probe.facts();
        PreflightReport demo = Preflight.run(Reqs.demo(), f, Map.of("WEB_PORT", 39999), PreflightContext.of("demo"));
        assertEquals(Outcome.PASS, demo.find("arch").orElseThrow().outcome());
        assertEquals(Outcome.WARN, demo.find("cores").orElseThrow().outcome(), "2 cores: min 2 met, 4 recommended");
        assertEquals(Outcome.PASS, demo.find("port:WEB_PORT").orElseThrow().outcome());
        assertEquals(Outcome.PASS, demo.find("sudo").orElseThrow().outcome());
        assertEquals(Outcome.PASS, demo.find("tools").orElseThrow().outcome());
        assertEquals(f.sysctl().number("vm.max_map_count").orElseThrow() >= 262144 ? Outcome.PASS : Outcome.FAIL,
                demo.find("sysctl:vm.max_map_count").orElseThrow().outcome());

        PreflightReport big = Preflight.run(Reqs.demanding(), f, Reqs.DEMANDING_PORTS, PreflightContext.of("x"));
        assertEquals(Outcome.FAIL, big.find("cores").orElseThrow().outcome());
        CheckResult gpu = big.find("gpu").orElseThrow();
        assertEquals(Outcome.FAIL, gpu.outcome());
        assertTrue(gpu.reason().en().contains("no NVIDIA driver"));
        assertEquals(Outcome.FAIL, big.find("compose").orElseThrow().outcome(), "only docker-compose 1.29.2 here");
        assertEquals(Outcome.FAIL, big.worst());

        // judged again offline from the kept raw output: the same report
        assertEquals(table(big), table(Preflight.run(Reqs.demanding(), FactsParser.parse(f.raw()),
                Reqs.DEMANDING_PORTS, PreflightContext.of("x"))));
    }

    @Test
    void sysctlFixRaisesNowAndPersistsWithoutDuplicates(@TempDir Path dir) throws Exception {
        // A stand-in sysctl records its argument: the test machine's kernel settings are not ours to change.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("sysctl.log");
        Path fake = bin.resolve("sysctl");
        Files.writeString(fake, "#!/bin/sh\necho \"$@\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("sysctl.d/99-berth.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "# kept\nvm.max_map_count = 100\nvm.swappiness=10\n");

        Fix fix = SysctlCheck.fix("vm.max_map_count", 262144, Fixtures.facts("local-debian12.txt"));
        List<String> argv = new java.util.ArrayList<>(fix.command().fullArgv());
        argv.set(argv.size() - 1, conf.toString());
        String line = dev.berth.ssh.RemoteCommand.of(argv).toShell();
        var shell = new dev.berth.target.LocalShellAccess().shell();
        ExecResult r = shell.exec(RemoteCommand.script("PATH=" + bin + ":$PATH " + line), Duration.ofSeconds(20));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("-w vm.max_map_count=262144\n", Files.readString(log));
        assertEquals("# kept\nvm.swappiness=10\nvm.max_map_count = 262144\n", Files.readString(conf));
        // applying it twice keeps one line
        assertEquals(0, shell.exec(RemoteCommand.script("PATH=" + bin + ":$PATH " + line), Duration.ofSeconds(20)).exitCode());
        assertEquals("# kept\nvm.swappiness=10\nvm.max_map_count = 262144\n", Files.readString(conf));
    }

    @Test
    void textTableInBothLanguages() {
        PreflightReport r = Preflight.run(Reqs.demanding(), Fixtures.facts("centos7.txt"), Reqs.DEMANDING_PORTS,
                PreflightContext.of("costrict"));
        String en = PreflightReportFormat.text(r, Locale.ENGLISH);
        assertTrue(en.startsWith("Result  Check"), en);
        assertTrue(en.contains("FAIL    Docker"), en);
        assertTrue(en.contains("Remedy: Upgrade Docker to 20.10 or newer"), en);
        assertTrue(en.contains("Berth can fix: Set vm.max_map_count to 262144 now and after reboots"), en);
        assertTrue(en.contains("8 failed, 1 warned, 6 passed."), en);
        String zh = PreflightReportFormat.text(r, Locale.CHINESE);
        assertTrue(zh.contains("失败  Docker"), zh);
        assertTrue(zh.contains("处理："), zh);
        assertTrue(zh.contains("8 项未通过，1 项警告，6 项通过。"), zh);
        // columns line up in terminal cells: every result's details start at the same cell
        List<String> lines = zh.lines().toList();
        int col = -1;
        for (CheckResult c : r.results()) {
            String reason = c.reason().in(Locale.CHINESE);
            String row = lines.stream().filter(l -> l.endsWith(reason)).findFirst().orElseThrow();
            int cell = PreflightReportFormat.width(row.substring(0, row.length() - reason.length()));
            col = col < 0 ? cell : col;
            assertEquals(col, cell, row);
        }
    }

    @Test
    void jsonCarriesBothLanguagesFixAndFacts() throws Exception {
        Facts facts = Fixtures.facts("centos7.txt");
        PreflightReport r = Preflight.run(Reqs.demanding(), facts, Reqs.DEMANDING_PORTS,
                PreflightContext.of("costrict"));
        JsonNode root = new ObjectMapper().readTree(PreflightReportFormat.json(r));
        assertEquals("FAIL", root.get("worst").asText());
        assertFalse(root.get("canProceed").asBoolean());
        assertEquals(15, root.get("results").size());
        JsonNode sysctl = root.get("results").get(11);
        assertEquals("sysctl:vm.max_map_count", sysctl.get("id").asText());
        assertTrue(sysctl.get("remedy").get("zh").asText().contains("99-berth.conf"));
        assertEquals("sudo", sysctl.get("fix").get("argv").get(0).asText());
        assertTrue(sysctl.get("fix").get("command").asText().startsWith("'sudo' '-n' 'sh' '-c'"));
        assertEquals("centos", root.get("facts").get("host").get("os").get("id").asText());
        assertEquals("SUDO", root.get("facts").get("docker").get("access").asText());
        // the raw output travels with the report and gives the same facts back
        assertEquals(facts, FactsParser.parse(root.get("facts").get("raw").asText()));
    }
}
