package net.backup.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** A person at a terminal: logs in to a lab device, types lines, and reads everything until the device hangs up. */
public final class LabTerminal {
    /** The width of the default terminal (vt100, 80 columns). */
    public static final int DEFAULT_COLUMNS = 80;

    private LabTerminal() {
    }

    /** Types each line followed by Enter, then {@code exit}; returns what the screen showed. */
    public static String type(Lab lab, String device, String... lines) throws IOException {
        return String.join("", chunks(lab, device, DEFAULT_COLUMNS, lines));
    }

    /** As {@link #type}, on a terminal {@code columns} wide. */
    public static String typeAt(Lab lab, String device, int columns, String... lines) throws IOException {
        return String.join("", chunks(lab, device, columns, lines));
    }

    /** As {@link #typeAt}, keeping the pieces the screen received, read by read. */
    public static List<String> chunks(Lab lab, String device, int columns, String... lines) throws IOException {
        try (var client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.connect(lab.host(), lab.port(device));
            client.authPassword(LabSettings.USERNAME, LabSettings.PASSWORD);
            try (Session session = client.startSession()) {
                session.allocatePTY("vt100", columns, 24, 0, 0, Map.of());
                Session.Shell shell = session.startShell();
                var keys = new StringBuilder();
                for (String line : lines) {
                    keys.append(line).append('\r');
                }
                keys.append("exit\r");
                shell.getOutputStream().write(keys.toString().getBytes(StandardCharsets.ISO_8859_1));
                shell.getOutputStream().flush();
                return readToEnd(shell.getInputStream());
            }
        }
    }

    private static List<String> readToEnd(InputStream in) throws IOException {
        var chunks = new ArrayList<String>();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            chunks.add(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return chunks;
    }
}
