package dev.berth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace TCP relay on loopback in front of the real sshd, to make the link misbehave the way a real network
 * does: it can drop every connection (a cable pulled, Wi-Fi gone) after a number of bytes, or stop passing bytes on
 * while keeping the connections open (a wedged peer that neither reads nor answers).
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final boolean smallBuffers;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong clientBytes = new AtomicLong();
    private volatile long dropAfter = -1;
    private volatile long hookAt = -1;
    private volatile Runnable hook;
    private volatile boolean paused;
    private final Object pauseLock = new Object();

    /**
     * @param smallBuffers keep the socket buffers small, so that a paused relay makes the sender's writes block
     *                     within a few kilobytes instead of after megabytes of kernel buffer
     */
    public TcpRelay(String host, int port, boolean smallBuffers) throws IOException {
        this.host = host;
        this.port = port;
        this.smallBuffers = smallBuffers;
        listener = new ServerSocket();
        if (smallBuffers) {
            listener.setReceiveBufferSize(4096); // inherited by accepted sockets; must be set before bind
        }
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Thread accept = new Thread(this::acceptLoop, "relay-accept-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every connection once more than {@code bytes} have gone from the client to the server in total. */
    public void dropAfterClientBytes(long bytes) {
        dropAfter = bytes;
    }

    /** Runs {@code action} once (on a relay thread) when more than {@code bytes} have gone to the server in total. */
    public void whenClientBytes(long bytes, Runnable action) {
        hook = action;
        hookAt = bytes;
    }

    /** Bytes passed on from the client to the server so far, over all connections. */
    public long clientBytes() {
        return clientBytes.get();
    }

    /** Stops passing bytes on in both directions; the connections stay open. */
    public void pause() {
        paused = true;
    }

    public boolean isPaused() {
        return paused;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Closes every relayed connection at once, as a dead link does (the listener stays). */
    public void dropConnections() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        resume();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        dropConnections();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                if (smallBuffers) {
                    server.setReceiveBufferSize(4096);
                    server.setSendBufferSize(4096);
                    client.setSendBufferSize(4096);
                }
                server.connect(new InetSocketAddress(host, port), 5000);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    awaitNotPaused();
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    awaitNotPaused();
                    out.write(buf, 0, n);
                    if (fromClient) {
                        long total = clientBytes.addAndGet(n);
                        Runnable h = hook;
                        if (h != null && hookAt >= 0 && total > hookAt) {
                            hook = null;
                            h.run();
                        }
                        long limit = dropAfter;
                        if (limit >= 0 && total > limit) {
                            dropConnections();
                            return;
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // a side closed: close the other below
            }
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitNotPaused() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused) {
                pauseLock.wait(100);
            }
        }
    }
}
