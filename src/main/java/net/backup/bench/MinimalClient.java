package net.backup.bench;

import java.io.IOException;
import java.util.Arrays;
import net.backup.session.NoDelaySockets;
import net.backup.session.SshAlgorithms;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * What a minimal client needs for one device's SSH handshake: TCP connect, key exchange, password login and
 * a shell with a terminal, on a warm JVM, nothing else. The benchmark's ideal is this plus the device's round
 * trips at the scenario's latency: the floor no client can go under, whatever it is written in.
 */
final class MinimalClient {
    private static final int WARM_UP = 15;
    private static final int MEASURED = 15;

    private MinimalClient() {
    }

    /** The median of several handshakes with one device, after as many unmeasured ones to warm the JVM. */
    static long handshakeMillis(String host, int port, String username, String password) throws IOException {
        // The algorithms backup offers, so that the floor is the same protocol work.
        Config config = SshAlgorithms.shared().forDevice(false);
        for (int i = 0; i < WARM_UP; i++) {
            handshakeNanos(config, host, port, username, password);
        }
        long[] times = new long[MEASURED];
        for (int i = 0; i < times.length; i++) {
            times[i] = handshakeNanos(config, host, port, username, password);
        }
        Arrays.sort(times);
        return Math.round(times[times.length / 2] / 1e6);
    }

    private static long handshakeNanos(Config config, String host, int port, String username, String password)
            throws IOException {
        long started = System.nanoTime();
        try (var client = new SSHClient(config)) {
            // The benchmark's own lab on loopback: the key is not what is measured here.
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setSocketFactory(NoDelaySockets.INSTANCE);
            client.connect(host, port);
            client.authPassword(username, password);
            try (var session = client.startSession()) {
                session.allocateDefaultPTY();
                session.startShell();
                return System.nanoTime() - started;
            }
        }
    }
}
