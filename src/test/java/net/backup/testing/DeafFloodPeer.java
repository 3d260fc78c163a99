package net.backup.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A TCP peer on 127.0.0.1 that never reads and makes the client write: after its version line and a KEXINIT it
 * sends messages no SSH implementation knows, as fast as they go, and a client answers each with
 * SSH_MSG_UNIMPLEMENTED until the socket's buffers are full and its writes block. Probe K: sshj's reader thread
 * then held the transport's write lock for good, and a close that says goodbye first waited on it for ever.
 * Floods for at most a minute per connection.
 */
public final class DeafFloodPeer implements AutoCloseable {
    private final ServerSocket server;

    public DeafFloodPeer() throws IOException {
        server = new ServerSocket();
        server.setReceiveBufferSize(4096); // taken by the sockets it accepts: the client's writes block sooner
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread thread = new Thread(this::serve, "deaf-flood-peer");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(RawSshPeer.packet(kexInit()));
                byte[] unknown = RawSshPeer.packet(new byte[] {15, 0, 0, 0, 1, 'u'});
                var many = new ByteArrayOutputStream();
                for (int i = 0; i < 1000; i++) {
                    many.write(unknown);
                }
                byte[] flood = many.toByteArray();
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (System.nanoTime() < until && !server.isClosed()) {
                    out.write(flood);
                }
            } catch (IOException e) {
                // the client hung up, or the peer is closed: the next connection
            }
        }
    }

    private static byte[] kexInit() throws IOException {
        var payload = new ByteArrayOutputStream();
        var data = new DataOutputStream(payload);
        data.writeByte(20); // SSH_MSG_KEXINIT
        data.write(new byte[16]); // cookie
        for (String list : new String[] {"curve25519-sha256", "ssh-ed25519,rsa-sha2-256", "aes128-ctr", "aes128-ctr",
                "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", ""}) {
            byte[] bytes = list.getBytes(StandardCharsets.US_ASCII);
            data.writeInt(bytes.length);
            data.write(bytes);
        }
        data.writeByte(0); // first_kex_packet_follows
        data.writeInt(0); // reserved
        return payload.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
