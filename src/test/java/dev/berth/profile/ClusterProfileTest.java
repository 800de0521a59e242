package dev.berth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile that holds a cluster: its nodes round trip in the cluster file's shape, a bad list is one sentence. */
class ClusterProfileTest {
    @TempDir
    Path home;

    private ProfileStore store() {
        return new ProfileStore(home, null, null);
    }

    static List<ProfileNode> nodes() {
        TargetSpec jump = TargetSpec.parse("ops@bastion.example:2200");
        return List.of(
                new ProfileNode("n1", new TargetSpec("root", "10.0.0.11", 22, Path.of("/home/op/.ssh/id_ed25519"),
                        "SHA256:n1n1n1", null, null), true, List.of("data")),
                new ProfileNode("n2", new TargetSpec("deploy", "10.0.0.12", 2222, null, "SHA256:n2n2n2", jump, null),
                        false, List.of("app", "gpu"), dev.berth.ssh.LoginMethod.AGENT),
                new ProfileNode("n3", TargetSpec.parse("root@10.0.0.13"), false, List.of()));
    }

    static Profile clusterProfile(String name) throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("WEB_PORT", 18491L);
        answers.put("API_TOKEN", ProfileStoreTest.TOKEN);
        return Profile.ofCluster(name, ProfileStoreTest.demo(), nodes(), "/opt/berth/demo", answers,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aClusterProfileRoundTripsWithItsNodesRolesLabelsAndPinnedKeys() throws Exception {
        store().save(clusterProfile("swarm-prod"), ProfileStoreTest.demo());
        Profile back = store().require("swarm-prod");

        assertTrue(back.isCluster());
        assertEquals(nodes(), back.cluster());
        assertEquals("/opt/berth/demo", back.target().installDir(), "the nodes share one install directory");
        assertEquals("10.0.0.11", back.target().host(), "status and the dashboard go to the first manager");
        assertEquals(ProfileStoreTest.TOKEN, back.answers().get("API_TOKEN"));
        assertEquals(18491L, back.answers().get("WEB_PORT"));

        String text = Files.readString(store().fileOf("swarm-prod"));
        assertTrue(text.contains("cluster:\n  nodes:\n"), text);
        assertTrue(text.contains("target: \"deploy@10.0.0.12:2222\"") || text.contains("target: deploy@10.0.0.12:2222"), text);
        assertTrue(text.contains("role: \"worker\"") || text.contains("role: worker"), text);
        assertTrue(text.contains("login: \"agent\"") || text.contains("login: agent"), "how n2 logs in: " + text);
        assertFalse(text.contains(ProfileStoreTest.TOKEN), "the secret answer is sealed, as in any profile");
        assertFalse(text.contains("password"), text);
        assertFalse(text.contains("\ntarget:"), "a cluster profile has cluster: instead of target:");
    }

    @Test
    void aOneServerProfileStaysWhatItWas() throws Exception {
        store().save(ProfileStoreTest.demoProfile("one"), ProfileStoreTest.demo());
        Profile back = store().require("one");
        assertFalse(back.isCluster());
        assertEquals(ProfileStoreTest.target(), back.target());
    }

    private ProfileException readCluster(String cluster) throws Exception {
        Path dir = store().directory();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bad.yaml"), "berthProfile: 1\nname: bad\nbundle: demo\ninstallDir: /opt/berth/demo\n"
                + "cluster:\n" + cluster.indent(2));
        return assertThrows(ProfileException.class, () -> store().require("bad"));
    }

    @Test
    void aBadNodeListIsOneSentenceNamingTheNodeAndTheKey() throws Exception {
        assertEquals("Profile bad: cluster: node n2: role must be manager or worker (it says boss).",
                readCluster("nodes:\n- {name: n1, target: root@a, role: manager}\n- {name: n2, target: root@b, role: boss}\n")
                        .sentence().en());
        assertEquals("Profile bad: cluster: node n1 is listed twice.",
                readCluster("nodes:\n- {name: n1, target: root@a, role: manager}\n- {name: n1, target: root@b}\n")
                        .sentence().en());
        assertEquals("Profile bad: cluster: needs 1, 3 or 5 managers (it lists 0).",
                readCluster("nodes:\n- {name: n1, target: root@a}\n").sentence().en());
        assertEquals("Profile bad: cluster: needs a nodes: list with one entry per server.",
                readCluster("nodes: []\n").sentence().en());
        assertEquals("Profile bad: cluster: nodes[1] has an unknown key password.",
                readCluster("nodes:\n- {name: n1, target: root@a, role: manager, password: x}\n").sentence().en(),
                "a password has no place in a profile");
        ProfileException zh = readCluster("nodes:\n- {name: N1, target: root@a, role: manager}\n");
        assertEquals("配置档 bad 的 cluster: nodes[1] 的 name 必须是小写字母、数字和 -。", zh.sentence().zh());
    }

    @Test
    void theListingReadsClusterProfilesBesideOneServerOnes() throws Exception {
        store().save(clusterProfile("swarm-prod"), ProfileStoreTest.demo());
        store().save(ProfileStoreTest.demoProfile("one"), ProfileStoreTest.demo());
        ProfileListing all = store().scan();
        assertEquals(List.of("one", "swarm-prod"), all.profiles().stream().map(Profile::name).toList());
        assertEquals(3, all.profiles().get(1).cluster().size());
        assertTrue(all.problems().isEmpty(), all.problems().toString());
    }
}
