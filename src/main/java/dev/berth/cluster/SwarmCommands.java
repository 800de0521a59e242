package dev.berth.cluster;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;

/** The docker swarm commands a cluster target needs, as values (tested by equality; no I/O here). */
public record SwarmCommands(Privilege privilege) {

    private RemoteCommand docker(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "docker";
        System.arraycopy(args, 0, all, 1, args.length);
        return RemoteCommand.of(all).withPrivilege(privilege);
    }

    /** This engine's view of its swarm, as one JSON object (LocalNodeState inactive, pending, active or error). */
    public RemoteCommand info() {
        return docker("info", "--format", "{{json .Swarm}}");
    }

    /** A new swarm with this engine as its first manager, advertised at ADDR (null: the engine picks). */
    public RemoteCommand init(String advertiseAddr) {
        return advertiseAddr == null ? docker("swarm", "init")
                : docker("swarm", "init", "--advertise-addr", advertiseAddr, "--listen-addr", advertiseAddr + ":2377");
    }

    /** Prints the token that joins a node as a worker or a manager; only ever read into memory, never shown. */
    public RemoteCommand joinToken(ClusterNode.Role role) {
        return docker("swarm", "join-token", "-q", role.word());
    }

    /**
     * Joins the swarm whose manager listens at {@code manager}:2377. The token comes on stdin, so it is not in the
     * command line Berth sends (nor in anything Berth logs); docker's own argv on the node carries it for a moment.
     */
    public RemoteCommand join(String advertiseAddr, String manager) {
        String script = "read -r t; exec docker swarm join --token \"$t\""
                + (advertiseAddr == null ? "" : " --advertise-addr \"$1\"") + " \"$2:2377\"";
        return RemoteCommand.script(script, advertiseAddr == null ? "" : advertiseAddr, manager).withPrivilege(privilege);
    }

    /**
     * The engine's version, the node's clock and the MTU of its interface that holds ADDR (the address it is reached and
     * advertised at; empty: the interface of its default route): "VERSION EPOCH-SECONDS MTU", MTU "-" when unknown.
     * The MTU comes from ip (netlink), which answers for the node's own network namespace as /sys may not.
     */
    public RemoteCommand versionAndClock(String addr) {
        return RemoteCommand.script("dev=''; if command -v ip >/dev/null 2>&1; then if [ -n \"$1\" ]; then"
                + " dev=$(ip -o addr show 2>/dev/null | awk -v a=\"$1\" '{ split($4, p, \"/\"); if (p[1] == a) { print $2; exit } }');"
                + " else dev=$(ip route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == \"dev\") { print $(i + 1); exit } }');"
                + " fi; fi; mtu=''; if [ -n \"$dev\" ]; then mtu=$(ip -o link show dev \"$dev\" 2>/dev/null"
                + " | awk '{ for (i = 1; i < NF; i++) if ($i == \"mtu\") { print $(i + 1); exit } }'); fi;"
                + " printf '%s %s %s\\n' \"$(docker version --format '{{.Server.Version}}')\" \"$(date +%s)\" \"${mtu:--}\"",
                addr == null ? "" : addr).withPrivilege(privilege);
    }

    /**
     * From this node, whether a TCP port of another answers: prints "open", or "closed" with the reason. Swarm's
     * managers listen on 2377 (joining) and 7946 (gossip) once the swarm is made; a firewall between the servers shows
     * as a port that does not answer.
     */
    public RemoteCommand reach(String host, int port) {
        return RemoteCommand.script("if timeout 5 bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' berth-reach \"$1\" \"$2\" 2>/dev/null;"
                + " then echo open; else echo closed; fi", host, Integer.toString(port)).withPrivilege(privilege);
    }

    /** Takes this worker out of its swarm, its tasks stopped (the manager still lists it, as Down, until removed). */
    public RemoteCommand leaveAsWorker() {
        return docker("swarm", "leave");
    }

    /** On a manager: forgets a node that left. */
    public RemoteCommand removeNode(String nodeId) {
        return docker("node", "rm", nodeId);
    }

    /** Takes this node out of its swarm (a swarm Berth made and could not finish is taken back). */
    public RemoteCommand leave() {
        return docker("swarm", "leave", "--force");
    }

    /** One line per node of the swarm: id, hostname, status, availability, manager status (on a manager). */
    public RemoteCommand nodes() {
        return docker("node", "ls", "--format", "{{.ID}}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}");
    }

    /** Gives the node a label a placement can pin services to: {@code node.labels.berth.LABEL == true}. */
    public RemoteCommand label(String nodeId, String label) {
        return docker("node", "update", "--label-add", "berth." + label + "=true", nodeId);
    }
}
