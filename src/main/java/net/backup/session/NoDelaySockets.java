package net.backup.session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off from the start. SSH's handshake and a CLI conversation are small writes
 * that each wait for an answer; with Nagle on, a write behind an unacknowledged one waits for the peer's
 * delayed acknowledgement, about 40 ms on Linux. Turned off only after connecting, the key exchange still
 * paid that: 45 to 55 ms of a 5 to 10 ms handshake with the lab on loopback. sshj creates the socket
 * unconnected and connects it itself, so only the no-argument method is used.
 * <p>
 * Their input is buffered: sshj reads a packet's first block, then the rest of it, each with a read of its
 * own, and the server's version line a byte at a time; unbuffered, each of those reads is a system call.
 */
public final class NoDelaySockets extends SocketFactory {
    private volatile Socket last;

    /** One per connection: {@link #connected()} tells whether its socket ever connected. */
    public NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        var socket = new BufferedSocket();
        socket.setTcpNoDelay(true);
        last = socket;
        return socket;
    }

    /** True if the last socket made connected over TCP, even if it was closed since. */
    public boolean connected() {
        Socket socket = last;
        return socket != null && socket.isConnected();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(createSocket(), host == null ? InetAddress.getByName(null) : InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        return connected(socket, InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(createSocket(), host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        return connected(socket, host, port);
    }

    private static Socket connected(Socket socket, InetAddress host, int port) throws IOException {
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    /** A socket whose input stream is read through one buffer, however often it is asked for. */
    private static final class BufferedSocket extends Socket {
        /**
         * Many small packets, or the start of a large one, per system call; a read of a whole large packet
         * (devices send up to 32 KiB) bypasses it. Small, as each of up to 200 connections at once holds one.
         */
        private static final int BUFFER = 8 * 1024;

        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return input;
        }
    }
}
