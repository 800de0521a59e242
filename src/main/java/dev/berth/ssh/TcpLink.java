package dev.berth.ssh;

import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens the TCP connection under a connection's first hop and can cut it from any thread. Cutting is the one way
 * out of a wedged link: when the peer stops reading, a JSch write blocks inside the socket while holding the
 * session's write lock, and JSch's own channel and session close wait behind it; closing the socket makes every
 * blocked read and write fail at once.
 */
final class TcpLink implements SocketFactory {
    private final int connectTimeoutMillis;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TcpLink(int connectTimeoutMillis) {
        this.connectTimeoutMillis = Math.max(1, connectTimeoutMillis);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        return s;
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
    }

    /** Closes the TCP connection under every session of the chain; never blocks. */
    void cut() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
