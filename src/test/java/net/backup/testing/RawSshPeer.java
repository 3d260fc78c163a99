package net.backup.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP peer on 127.0.0.1 that speaks just enough SSH to hang up with a message of its choosing: it sends its
 * version line, reads the client's, and then an unencrypted SSH_MSG_DISCONNECT whose description is the given
 * bytes. Probe H: what a hostile device says in its goodbye.
 */
public final class RawSshPeer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    public RawSshPeer(byte[] description) throws IOException {
        this(packet(disconnect(description)), "raw-ssh-peer-goodbye");
    }

    /** A peer that sends {@code raw} where its answer to the client's KEXINIT would go (probe K: a packet's length of 2 GB). */
    public static RawSshPeer sending(byte[] raw) throws IOException {
        return new RawSshPeer(raw, "raw-ssh-peer");
    }

    private RawSshPeer(byte[] afterKexInit, String threadName) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                        // the client's version line
                    }
                    // the client's KEXINIT, one unencrypted packet
                    var data = new java.io.DataInputStream(in);
                    data.readFully(new byte[data.readInt()]);
                    out.write(afterKexInit);
                    out.flush();
                    while (in.read() >= 0) {
                        // until the client hangs up
                    }
                } catch (IOException e) {
                    // next connection, or closed
                }
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private static byte[] disconnect(byte[] description) throws IOException {
        var payload = new ByteArrayOutputStream();
        var data = new DataOutputStream(payload);
        data.writeByte(1); // SSH_MSG_DISCONNECT
        data.writeInt(11); // SSH_DISCONNECT_BY_APPLICATION
        data.writeInt(description.length);
        data.write(description);
        data.writeInt(0); // language tag
        return payload.toByteArray();
    }

    /** An unencrypted SSH packet of {@code payload}, padded as the protocol asks (before keys are exchanged). */
    static byte[] packet(byte[] payload) throws IOException {
        int padding = 8 - (5 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        var bytes = new ByteArrayOutputStream();
        var data = new DataOutputStream(bytes);
        data.writeInt(1 + payload.length + padding);
        data.writeByte(padding);
        data.write(payload);
        data.write(new byte[padding]);
        return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
