package net.backup.session;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.SSHClient;

/**
 * The first SSH connection of a process pays for loading and first running the code of sshj and of the
 * JDK's cryptography (a Curve25519 key exchange runs interpreted: tens of milliseconds). A run starts this on
 * a second thread while it reads its inventory and opens its output directory, so that cost is mostly paid
 * by the time it connects. It touches no file and no network; it only runs code that every connection runs.
 */
public final class Warmup {
    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread, which never delays the end of the process. */
    public static void start() {
        var thread = new Thread(Warmup::run, "warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            new SSHClient(SshAlgorithms.shared().forDevice(false)).close();
            // What a curve25519-sha256 exchange with AES-GCM and an RSA or ECDSA host key goes through.
            var keys = KeyPairGenerator.getInstance("X25519");
            var agreement = KeyAgreement.getInstance("X25519");
            agreement.init(keys.generateKeyPair().getPrivate());
            agreement.doPhase(keys.generateKeyPair().getPublic(), true);
            byte[] secret = agreement.generateSecret();
            MessageDigest.getInstance("SHA-256").digest(secret);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, 0, 16, "AES"), new GCMParameterSpec(128, new byte[12]));
            cipher.doFinal(ByteBuffer.allocate(256).array());
            Mac.getInstance("HmacSHA256").init(new SecretKeySpec(secret, "HmacSHA256"));
            Signature.getInstance("SHA512withRSA");
            Signature.getInstance("SHA256withECDSA");
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            // Nothing is lost: the connection does the same work itself, and reports what fails.
        }
    }
}
