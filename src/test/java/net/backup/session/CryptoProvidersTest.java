package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.X509EncodedKeySpec;
import java.security.interfaces.ECPublicKey;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.junit.jupiter.api.Test;

/**
 * Without BouncyCastle registered, sshj still reads ECDSA keys: through our alias of the JDK's EC key factory.
 * (The lab's MINA SSHD may register BouncyCastle in a test JVM, so the alias is asked for by its own name.)
 */
class CryptoProvidersTest {
    @Test
    void theJdkEcKeyFactoryAnswersToEcdsa() throws Exception {
        CryptoProviders.install();
        var pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        var factory = KeyFactory.getInstance("ECDSA", "backup-ecdsa");
        var decoded = factory.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        assertThat(decoded.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void sshjReadsAnEcdsaHostKeyBlob() throws Exception {
        CryptoProviders.install();
        var pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(pair.getPublic()).getCompactData();
        var read = new Buffer.PlainBuffer(blob).readPublicKey();
        assertThat(KeyType.fromKey(read)).isEqualTo(KeyType.ECDSA256);
        // Compared as points: a JVM where BouncyCastle is registered too (the lab's MINA registers it) may hand
        // back its own key class, encoded another way.
        assertThat(((ECPublicKey) read).getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    }

    @Test
    void bouncyCastleIsNotRegisteredByUs() {
        CryptoProviders.install();
        assertThat(net.schmizz.sshj.common.SecurityUtils.getSecurityProvider()).isNull();
    }
}
