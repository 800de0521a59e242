package dev.berth.ssh;

import java.time.Duration;

/**
 * Opens a connection to a target: {@link SshConnector} over SSH; view-model tests give a scripted shell instead, so
 * the wizard's steps run their real logic against recorded answers without a server.
 */
@FunctionalInterface
public interface Connector {
    RemoteShell connect(TargetSpec target, Credentials creds, HostKeyStore store, HostKeyDecision decision,
                        Duration timeout) throws SshException;
}
