package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 * Our chacha20-poly1305@openssh.com: packet by packet against the construction computed independently (the
 * JDK's ChaCha20, Poly1305 in BigInteger arithmetic as RFC 8439 defines it) and against Apache MINA SSHD's
 * implementation, with any changed byte refused; and over real SSH.
 */
class ChaChaPolyCipherTest {
    private static final int TAG = 16;
    private final Random random = new Random(20261127);

    @Test
    void aSealedPacketIsTheConstructionAsOpenSshDefinesIt() throws Exception {
        for (int round = 0; round < 100; round++) {
            byte[] key = bytes(64);
            long sequence = round < 3 ? round : random.nextLong() >>> 32;
            byte[] plain = packet(8 * (2 + random.nextInt(200)));
            int payload = plain.length - 4 - TAG;

            byte[] sealed = plain.clone();
            cipher(Cipher.Mode.Encrypt, key, sequence).updateWithAAD(sealed, 0, 4, payload);

            assertThat(sealed).as("round %d, sequence %d, %d bytes", round, sequence, payload)
                    .isEqualTo(construction(key, sequence, plain));
        }
    }

    /**
     * As a session uses it: one cipher for a direction's whole key, told each packet's sequence number in
     * turn (the engines keep their key and take each packet's nonce), sealing and then opening every packet.
     */
    @Test
    void oneCipherSealsAndOpensPacketAfterPacketAsTheConstructionHasThem() throws Exception {
        byte[] key = bytes(64);
        var sealer = new ChaChaPolyCipher();
        sealer.init(Cipher.Mode.Encrypt, key, new byte[0]);
        var opener = new ChaChaPolyCipher();
        opener.init(Cipher.Mode.Decrypt, key, new byte[0]);
        for (long sequence = 0; sequence < 60; sequence++) {
            byte[] plain = packet(8 * (2 + random.nextInt(200)));
            int payload = plain.length - 4 - TAG;

            byte[] sealed = plain.clone();
            sealer.setSequenceNumber(sequence);
            sealer.updateWithAAD(sealed, 0, 4, payload);
            assertThat(sealed).as("sequence %d", sequence).isEqualTo(construction(key, sequence, plain));

            opener.setSequenceNumber(sequence);
            opener.updateAAD(sealed, 0, 4);
            opener.update(sealed, 4, payload);
            assertThat(Arrays.copyOf(sealed, plain.length - TAG)).as("sequence %d opened", sequence)
                    .isEqualTo(Arrays.copyOf(plain, plain.length - TAG));
        }
    }

    /** The packet sealed as OpenSSH's PROTOCOL.chacha20poly1305 defines it, computed without our class. */
    private static byte[] construction(byte[] key, long sequence, byte[] plain) throws Exception {
        int payload = plain.length - 4 - TAG;
        byte[] expected = plain.clone();
        jdkChaCha20(Arrays.copyOfRange(key, 32, 64), sequence, 0, expected, 0, 4);
        jdkChaCha20(Arrays.copyOfRange(key, 0, 32), sequence, 1, expected, 4, payload);
        byte[] polyKey = new byte[32];
        jdkChaCha20(Arrays.copyOfRange(key, 0, 32), sequence, 0, polyKey, 0, 32);
        System.arraycopy(poly1305(polyKey, Arrays.copyOf(expected, 4 + payload)), 0, expected, 4 + payload, TAG);
        return expected;
    }

    @Test
    void aPacketSealedByUsOpensInMinaAndTheOtherWayRound() throws Exception {
        for (int round = 0; round < 50; round++) {
            byte[] key = bytes(64);
            long sequence = random.nextInt(1 << 20);
            byte[] plain = packet(16 * (1 + random.nextInt(100)));
            int payload = plain.length - 4 - TAG;

            byte[] ours = plain.clone();
            cipher(Cipher.Mode.Encrypt, key, sequence).updateWithAAD(ours, 0, 4, payload);
            byte[] minas = plain.clone();
            var mina = new org.apache.sshd.common.cipher.ChaCha20Cipher();
            mina.init(org.apache.sshd.common.cipher.Cipher.Mode.Encrypt, key, ByteBuffer.allocate(8).putLong(sequence).array());
            mina.updateAAD(minas, 0, 4);
            mina.update(minas, 4, payload);
            assertThat(ours).as("the same bytes on the wire").isEqualTo(minas);

            ChaChaPolyCipher opener = cipher(Cipher.Mode.Decrypt, key, sequence);
            opener.updateAAD(minas, 0, 4);
            assertThat(Arrays.copyOf(minas, 4)).as("the length, read first").isEqualTo(Arrays.copyOf(plain, 4));
            opener.update(minas, 4, payload);
            assertThat(Arrays.copyOf(minas, plain.length - TAG)).isEqualTo(Arrays.copyOf(plain, plain.length - TAG));
        }
    }

    @Test
    void anyChangedByteOrAnotherSequenceNumberIsAMacError() {
        byte[] key = bytes(64);
        byte[] plain = packet(64);
        int payload = plain.length - 4 - TAG;
        byte[] sealed = plain.clone();
        cipher(Cipher.Mode.Encrypt, key, 7).updateWithAAD(sealed, 0, 4, payload);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            ChaChaPolyCipher opener = cipher(Cipher.Mode.Decrypt, key, 7);
            opener.updateAAD(tampered, 0, 4);
            assertThatThrownBy(() -> opener.update(tampered, 4, payload)).as("byte %d", i)
                    .isInstanceOf(SSHRuntimeException.class).hasMessage("MAC Error");
        }
        ChaChaPolyCipher replay = cipher(Cipher.Mode.Decrypt, key, 8);
        byte[] replayed = sealed.clone();
        replay.updateAAD(replayed, 0, 4);
        assertThatThrownBy(() -> replay.update(replayed, 4, payload)).hasMessage("MAC Error");
    }

    @Test
    void onlyOpenSshsLayoutIsAccepted() {
        byte[] key = bytes(64);
        byte[] packet = packet(64);
        ChaChaPolyCipher cipher = cipher(Cipher.Mode.Encrypt, key, 1);
        assertThatThrownBy(() -> cipher.updateAAD(packet, 4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.updateAAD(packet, 0, 8)).isInstanceOf(IllegalArgumentException.class);
        // A payload whose tag would not cover the length before it.
        assertThatThrownBy(() -> cipher.update(packet, 0, 64)).isInstanceOf(IllegalArgumentException.class);
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

    /**
     * ChaCha20 with a 64-bit nonce and counter, by the JDK's RFC 8439 ChaCha20 (96-bit nonce, 32-bit counter):
     * the same state while the counter's high word is zero, which it is here.
     */
    private static void jdkChaCha20(byte[] key, long nonce, int counter, byte[] data, int offset, int length) throws Exception {
        var jdk = javax.crypto.Cipher.getInstance("ChaCha20");
        byte[] nonce96 = ByteBuffer.allocate(12).putInt(0).putLong(nonce).array();
        jdk.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce96, counter));
        jdk.doFinal(data, offset, length, data, offset);
    }

    /** Poly1305 as RFC 8439 defines it, in BigInteger arithmetic. */
    private static byte[] poly1305(byte[] key, byte[] message) {
        byte[] rBytes = Arrays.copyOf(key, 16);
        for (int i : new int[] {3, 7, 11, 15}) {
            rBytes[i] &= 15;
        }
        for (int i : new int[] {4, 8, 12}) {
            rBytes[i] &= (byte) 252;
        }
        BigInteger r = littleEndian(rBytes);
        BigInteger s = littleEndian(Arrays.copyOfRange(key, 16, 32));
        BigInteger p = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
        BigInteger accumulator = BigInteger.ZERO;
        for (int at = 0; at < message.length; at += 16) {
            byte[] block = Arrays.copyOfRange(message, at, Math.min(message.length, at + 16));
            accumulator = accumulator.add(littleEndian(block).add(BigInteger.ONE.shiftLeft(8 * block.length))).multiply(r).mod(p);
        }
        byte[] big = accumulator.add(s).mod(BigInteger.ONE.shiftLeft(128)).toByteArray();
        byte[] tag = new byte[16];
        for (int i = 0; i < 16 && i < big.length; i++) {
            tag[i] = big[big.length - 1 - i];
        }
        return tag;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            big[bytes.length - i] = bytes[i];
        }
        return new BigInteger(big);
    }

    /** A packet as the transport hands it over: length, padding length and payload, room for the tag. */
    private byte[] packet(int length) {
        byte[] packet = bytes(4 + length + TAG);
        ByteBuffer.wrap(packet).putInt(length);
        Arrays.fill(packet, 4 + length, packet.length, (byte) 0);
        return packet;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
