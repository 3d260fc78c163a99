package net.backup.cli;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;
import java.util.Set;
import javax.crypto.KeyAgreement;
import net.backup.platform.Platforms;
import net.backup.session.SshAlgorithms;

/**
 * The set-up every backup run does, begun on a second thread as the process starts: the JVM then spends about a
 * tenth of a second building the command line's model on one core, and the run would otherwise do this after
 * it, on the same core. Almost nothing here is extra work: the steps are the run's own (the RSA look-ups only
 * for devices with RSA host keys, the key pair said where it is), and the run's own call finds each done or
 * waits for it to finish (class initialisation and {@link SshAlgorithms#shared} are thread-safe, and a failure
 * of the latter is thrown again to the run, cause and all). Not started for {@code --version}, {@code --help}
 * or a subcommand, which need none of it.
 */
final class EarlySetup {
    private static final Set<String> NOT_A_RUN = Set.of("--version", "-V", "--help", "-h");

    private EarlySetup() {
    }

    /** Starts it if {@code args} are a backup run's. */
    static void startFor(String[] args) {
        if (isBackupRun(args)) {
            var thread = new Thread(EarlySetup::run, "backup-early-setup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Options only (a subcommand's name comes first), and none that answers without a run. Not with
     * {@code --verbose} either: slf4j-simple fixes its levels when the first logger is made, and sshj makes
     * loggers here, before the run has set the verbose ones ({@link Logging}). A guess made before picocli reads
     * the arguments, on the safe side: wrong, it costs a little time or CPU, never a different outcome.
     */
    static boolean isBackupRun(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return false;
        }
        // An @file's options are not seen here (picocli expands them later): it may hold --verbose.
        return List.of(args).stream().noneMatch(arg -> NOT_A_RUN.contains(arg) || mayBeVerbose(arg) || arg.startsWith("@"));
    }

    /** {@code --verbose}, or {@code -v} alone or among other short options ({@code -vi FILE}). */
    private static boolean mayBeVerbose(String arg) {
        return arg.startsWith("--verbose") || !arg.startsWith("--") && arg.startsWith("-") && arg.indexOf('v') > 0;
    }

    private static void run() {
        try {
            Platforms.builtIn();
            SshAlgorithms.shared();
            // The JDK's providers find a service by name the first time through a table they build then; the
            // algorithms are the ones sshj asks for in a handshake with a modern device.
            // The one step that is not the run's own: a throwaway key pair, which initialises the curve
            // arithmetic each handshake's key exchange uses (a few ms of one-time set-up, off the first handshake).
            KeyPairGenerator.getInstance("X25519").generateKeyPair();
            KeyAgreement.getInstance("X25519");
            KeyFactory.getInstance("X25519");
            KeyFactory.getInstance("RSA");
            Signature.getInstance("SHA512withRSA");
            MessageDigest.getInstance("SHA-256");
            // sshj names each connection's reader thread with String.format, whose first use parses and compiles.
            String.format("%s-%d", "sshj", 1);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            // Left to the run: it takes the same steps, and reports a failure where it has a device to name.
        }
    }
}
