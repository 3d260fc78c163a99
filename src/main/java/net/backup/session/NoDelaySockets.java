package net.backup.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off from the start. SSH's handshake and a CLI conversation are small writes
 * that each wait for an answer; with Nagle on, a write behind an unacknowledged one waits for the peer's
 * delayed acknowledgement, about 40 ms on Linux. Turned off only after connecting, the key exchange still
 * paid that: 45 to 55 ms of a 5 to 10 ms handshake with the lab on loopback. sshj creates the socket
 * unconnected and connects it itself, so only the no-argument method is used.
 */
public final class NoDelaySockets extends SocketFactory {
    public static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        var socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(createSocket(), host == null ? InetAddress.getByName(null) : InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
        return connected(socket, InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(createSocket(), host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
        return connected(socket, host, port);
    }

    private static Socket connected(Socket socket, InetAddress host, int port) throws IOException {
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }
}
