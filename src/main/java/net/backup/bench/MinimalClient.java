package net.backup.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.backup.session.NoDelaySockets;
import net.backup.session.SshAlgorithms;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * What a minimal client needs to back up one of the lab's IOS devices: the SSH handshake (connect, key exchange,
 * password login, a shell with a terminal) and the same round trips backup makes (enable, the secret, wr mem,
 * term len 0, show run), each answered when the device's prompt comes back, on a warm JVM, with nothing else:
 * no file written, no check, no history. It is the benchmark's ideal, measured against the lab rather than
 * worked out from its latency, since the lab need not add its latency to every answer.
 */
final class MinimalClient {
    private static final int WARM_UP = 10;
    private static final int MEASURED = 10;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final String[] PRIVILEGED_COMMANDS = {"wr mem", "term len 0", "show run"};

    private MinimalClient() {
    }

    /** What one backup of one device took, and the handshake's part of it: medians of several, after warm-up ones. */
    record OneDevice(long millis, long handshakeMillis) {
    }

    static OneDevice measure(String host, int port, String username, String password, String enableSecret) throws IOException {
        // The algorithms backup offers, so that the floor is the same protocol work.
        Config config = SshAlgorithms.shared().forDevice(false);
        for (int i = 0; i < WARM_UP; i++) {
            backUp(config, host, port, username, password, enableSecret, new long[2]);
        }
        long[] totals = new long[MEASURED];
        long[] handshakes = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long[] times = new long[2];
            backUp(config, host, port, username, password, enableSecret, times);
            totals[i] = times[0];
            handshakes[i] = times[1];
        }
        return new OneDevice(median(totals), median(handshakes));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return Math.round(sorted[sorted.length / 2] / 1e6);
    }

    /** @param times filled with the whole backup's and the handshake's nanoseconds */
    private static void backUp(Config config, String host, int port, String username, String password, String enableSecret,
            long[] times) throws IOException {
        long started = System.nanoTime();
        try (var client = new SSHClient(config)) {
            // The benchmark's own lab on loopback: the key is not what is measured here.
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setSocketFactory(new NoDelaySockets());
            // A lab that stops answering ends the benchmark with an error instead of hanging it.
            client.setConnectTimeout(TIMEOUT_MILLIS);
            client.setTimeout(TIMEOUT_MILLIS);
            client.connect(host, port);
            client.authPassword(username, password);
            try (var session = client.startSession()) {
                session.allocateDefaultPTY();
                var shell = session.startShell();
                times[1] = System.nanoTime() - started;
                InputStream in = shell.getInputStream();
                OutputStream out = shell.getOutputStream();
                String userPrompt = readUntilPrompt(in, null);
                String privileged = userPrompt.substring(0, userPrompt.length() - 1) + "#";
                type(out, "enable");
                readUntil(in, "assword:");
                type(out, enableSecret);
                readUntilPrompt(in, privileged);
                for (String command : PRIVILEGED_COMMANDS) {
                    type(out, command);
                    readUntilPrompt(in, privileged);
                }
                times[0] = System.nanoTime() - started;
            }
        }
    }

    private static void type(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void readUntil(InputStream in, String ending) throws IOException {
        var seen = new StringBuilder();
        while (!seen.toString().stripTrailing().endsWith(ending)) {
            read(in, seen);
        }
    }

    /** The first prompt when {@code prompt} is null (the last line, once it ends in > or #), else that prompt. */
    private static String readUntilPrompt(InputStream in, String prompt) throws IOException {
        var seen = new StringBuilder();
        while (true) {
            read(in, seen);
            String last = seen.substring(seen.lastIndexOf("\n") + 1).strip();
            if (prompt == null ? last.endsWith(">") || last.endsWith("#") : last.equals(prompt) && seen.indexOf("\n") >= 0) {
                return last;
            }
        }
    }

    private static void read(InputStream in, StringBuilder seen) throws IOException {
        byte[] chunk = new byte[32 * 1024];
        int n = in.read(chunk);
        if (n < 0) {
            throw new IOException("the device closed the connection; it said: " + seen);
        }
        seen.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
    }
}
