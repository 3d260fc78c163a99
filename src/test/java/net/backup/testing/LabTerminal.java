package net.backup.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** A person at a terminal: logs in to a lab device, types lines, and reads everything until the device hangs up. */
public final class LabTerminal {
    private LabTerminal() {
    }

    /** Types each line followed by Enter, then {@code exit}; returns what the screen showed. */
    public static String type(Lab lab, String device, String... lines) throws IOException {
        try (var client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.connect(lab.host(), lab.port(device));
            client.authPassword(LabSettings.USERNAME, LabSettings.PASSWORD);
            try (Session session = client.startSession()) {
                session.allocateDefaultPTY();
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

    private static String readToEnd(InputStream in) throws IOException {
        var screen = new ByteArrayOutputStream();
        in.transferTo(screen);
        return screen.toString(StandardCharsets.ISO_8859_1);
    }
}
