package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.backup.testing.TestSshServer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;

/**
 * Our chacha20-poly1305@openssh.com: each primitive against RFC 8439's vectors and an independent
 * implementation (the JDK's ChaCha20, a BigInteger Poly1305), the SSH construction against Apache MINA
 * SSHD's, and the whole over real SSH.
 */
class ChaChaPolyCipherTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Random random = new Random(20261127);

    @Test
    void poly1305MatchesRfc8439() {
        var poly = new Poly1305();
        poly.init(HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"));
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[16];
        poly.finish(tag, 0);
        assertThat(HEX.formatHex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void chaCha20MatchesRfc8439() {
        // RFC 8439 2.3.2 in the 64-bit nonce layout: its nonce's first word is the counter's high word.
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        byte[] stream = new ChaCha20(key, 0).keyStream(0x0000004a_00000000L, 1L | 0x09000000L << 32, 64);
        assertThat(HEX.formatHex(stream)).isEqualTo("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    }

    @Test
    void chaCha20AgreesWithTheJdksOnRandomKeysNoncesCountersAndLengths() throws Exception {
        for (int round = 0; round < 200; round++) {
            byte[] key = bytes(32);
            long nonce = random.nextLong();
            int counter = random.nextInt(1000);
            byte[] data = bytes(random.nextInt(700));
            byte[] ours = data.clone();
            new ChaCha20(key, 0).xor(nonce, counter, ours, 0, ours.length);

            // The JDK's is RFC 8439's: a 96-bit nonce whose first word, zero here, is our counter's high word.
            var jdk = javax.crypto.Cipher.getInstance("ChaCha20");
            byte[] nonce96 = ByteBuffer.allocate(12).putInt(0).putLong(nonce).array();
            jdk.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce96, counter));
            assertThat(ours).as("round %d, %d bytes", round, data.length).isEqualTo(jdk.doFinal(data));
        }
    }

    @Test
    void poly1305AgreesWithTheArithmeticForAnyWayTheInputIsSplit() {
        for (int round = 0; round < 200; round++) {
            byte[] key = bytes(32);
            byte[] message = bytes(random.nextInt(300));
            var poly = new Poly1305();
            poly.init(key);
            for (int at = 0; at < message.length; ) {
                int n = Math.min(message.length - at, random.nextInt(40));
                poly.update(message, at, n);
                at += n;
            }
            byte[] tag = new byte[16];
            poly.finish(tag, 0);
            assertThat(tag).as("round %d, %d bytes", round, message.length).isEqualTo(referencePoly1305(key, message));
        }
    }

    @Test
    void aPacketSealedByUsOpensInMinaAndTheOtherWayRound() throws Exception {
        for (int round = 0; round < 50; round++) {
            byte[] key = bytes(64);
            long sequence = random.nextInt(1 << 20);
            byte[] plain = packet(16 * (1 + random.nextInt(100)));

            byte[] ours = plain.clone();
            ChaChaPolyCipher sealer = cipher(Cipher.Mode.Encrypt, key, sequence);
            sealer.updateWithAAD(ours, 0, 4, plain.length - 4 - 16);
            byte[] minas = plain.clone();
            var mina = mina(org.apache.sshd.common.cipher.Cipher.Mode.Encrypt, key, sequence);
            mina.updateAAD(minas, 0, 4);
            mina.update(minas, 4, plain.length - 4 - 16);
            assertThat(ours).as("the same bytes on the wire").isEqualTo(minas);

            ChaChaPolyCipher opener = cipher(Cipher.Mode.Decrypt, key, sequence);
            opener.updateAAD(minas, 0, 4);
            assertThat(java.util.Arrays.copyOf(minas, 4)).isEqualTo(java.util.Arrays.copyOf(plain, 4));
            opener.update(minas, 4, plain.length - 4 - 16);
            assertThat(java.util.Arrays.copyOf(minas, plain.length - 16)).isEqualTo(java.util.Arrays.copyOf(plain, plain.length - 16));
        }
    }

    @Test
    void anyChangedByteIsRefusedAsAMacError() {
        byte[] key = bytes(64);
        byte[] plain = packet(64);
        byte[] sealed = plain.clone();
        cipher(Cipher.Mode.Encrypt, key, 7).updateWithAAD(sealed, 0, 4, plain.length - 4 - 16);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            ChaChaPolyCipher opener = cipher(Cipher.Mode.Decrypt, key, 7);
            opener.updateAAD(tampered, 0, 4);
            assertThatThrownBy(() -> opener.update(tampered, 4, plain.length - 4 - 16)).as("byte %d", i)
                    .isInstanceOf(SSHRuntimeException.class).hasMessage("MAC Error");
        }
        ChaChaPolyCipher wrongSequence = cipher(Cipher.Mode.Decrypt, key, 8);
        byte[] replayed = sealed.clone();
        wrongSequence.updateAAD(replayed, 0, 4);
        assertThatThrownBy(() -> wrongSequence.update(replayed, 4, plain.length - 4 - 16)).hasMessage("MAC Error");
    }

    @Test
    void itIsWhatWeNegotiateWithAnSshServerThatHasIt() throws Exception {
        try (var server = TestSshServer.start(0, TestSshServer.rsaKey());
                var client = new SSHClient(SshAlgorithms.shared().forDevice(false))) {
            var negotiated = new AtomicReference<String>();
            client.getTransport().addAlgorithmsVerifier(algorithms -> {
                negotiated.set(algorithms.getServer2ClientCipherAlgorithm() + " " + algorithms.getClient2ServerCipherAlgorithm());
                return true;
            });
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.connect("127.0.0.1", server.port());
            client.authPassword("admin", "secret"); // encrypted both ways, so both directions' tags were checked
            assertThat(client.isAuthenticated()).isTrue();
            assertThat(negotiated.get()).isEqualTo(ChaChaPolyCipher.NAME + " " + ChaChaPolyCipher.NAME);
        }
    }

    private static ChaChaPolyCipher cipher(Cipher.Mode mode, byte[] key, long sequence) {
        var cipher = new ChaChaPolyCipher();
        cipher.init(mode, key, new byte[0]);
        cipher.setSequenceNumber(sequence);
        return cipher;
    }

    private static org.apache.sshd.common.cipher.Cipher mina(org.apache.sshd.common.cipher.Cipher.Mode mode, byte[] key,
            long sequence) throws Exception {
        var cipher = new org.apache.sshd.common.cipher.ChaCha20Cipher();
        cipher.init(mode, key, ByteBuffer.allocate(8).putLong(sequence).array());
        return cipher;
    }

    /** A packet as the transport hands it over: length, padding length, payload, room for the tag. */
    private byte[] packet(int length) {
        byte[] packet = bytes(4 + length + 16);
        ByteBuffer.wrap(packet).putInt(length);
        java.util.Arrays.fill(packet, 4 + length, packet.length, (byte) 0);
        return packet;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Poly1305 as RFC 8439 defines it, in BigInteger arithmetic. */
    private static byte[] referencePoly1305(byte[] key, byte[] message) {
        byte[] rBytes = java.util.Arrays.copyOf(key, 16);
        rBytes[3] &= 15;
        rBytes[7] &= 15;
        rBytes[11] &= 15;
        rBytes[15] &= 15;
        rBytes[4] &= (byte) 252;
        rBytes[8] &= (byte) 252;
        rBytes[12] &= (byte) 252;
        BigInteger r = littleEndian(rBytes);
        BigInteger s = littleEndian(java.util.Arrays.copyOfRange(key, 16, 32));
        BigInteger p = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
        BigInteger accumulator = BigInteger.ZERO;
        for (int at = 0; at < message.length; at += 16) {
            byte[] block = java.util.Arrays.copyOfRange(message, at, Math.min(message.length, at + 16));
            BigInteger n = littleEndian(block).add(BigInteger.ONE.shiftLeft(8 * block.length));
            accumulator = accumulator.add(n).multiply(r).mod(p);
        }
        BigInteger tag = accumulator.add(s).mod(BigInteger.ONE.shiftLeft(128));
        byte[] out = new byte[16];
        byte[] big = tag.toByteArray();
        for (int i = 0; i < 16 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            big[bytes.length - i] = bytes[i];
        }
        return new BigInteger(big);
    }
}
