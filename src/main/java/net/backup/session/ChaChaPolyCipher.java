package net.backup.session;

import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

/**
 * chacha20-poly1305@openssh.com (OpenSSH's PROTOCOL.chacha20poly1305) for sshj, on BouncyCastle's ChaCha20
 * and Poly1305 used directly. sshj's own implementation asks for them by name through the JCA, which needs
 * BouncyCastle registered as a provider, and it is not (see {@link CryptoProviders}): registering it loads
 * some 400 classes at every start, using the two classes loads a handful. It is also the cheapest modern
 * cipher under C1, the launcher's only compiler: AES-GCM there runs in plain Java, with neither the AES nor
 * the carry-less multiply instructions.
 * <p>
 * The 64 bytes of key are two ChaCha20 keys: the first for the payload, the second for the four bytes of
 * packet length. The nonce is the packet's sequence number, big-endian (ChaCha20 with a 64-bit nonce and
 * counter, as D. J. Bernstein first defined it); block 0 of the payload key's stream keys Poly1305, the payload
 * is encrypted from block 1, and the tag covers the encrypted length and payload. sshj's transport drives it
 * as it drives its own: {@link #setSequenceNumber} before each packet, the length through {@link #updateAAD},
 * then the payload through {@link #update} at offset 4 of the packet.
 */
public final class ChaChaPolyCipher implements Cipher {
    public static final String NAME = "chacha20-poly1305@openssh.com";
    private static final int KEY_LENGTH = 64;
    private static final int LENGTH_FIELD = 4;
    private static final int TAG_LENGTH = 16;
    private static final int BLOCK = 64;

    /** For sshj's configuration: one cipher per direction of each transport. */
    public static final Factory.Named<Cipher> FACTORY = new Factory.Named<>() {
        @Override
        public Cipher create() {
            return new ChaChaPolyCipher();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public String toString() {
            return NAME;
        }
    };

    private final ChaChaEngine payloadCipher = new ChaChaEngine();
    private final ChaChaEngine lengthCipher = new ChaChaEngine();
    private final Poly1305 poly = new Poly1305();
    private final byte[] nonce = new byte[8];
    private final byte[] polyKey = new byte[32];
    private final byte[] tag = new byte[TAG_LENGTH];
    /** The packet length as it came over the wire, which the tag covers; kept when decrypting. */
    private final byte[] encryptedLength = new byte[LENGTH_FIELD];
    private Mode mode;

    @Override
    public int getBlockSize() {
        // sshj sizes the key it derives by this: both ChaCha20 keys.
        return KEY_LENGTH;
    }

    @Override
    public int getIVSize() {
        return 0;
    }

    @Override
    public int getAuthenticationTagSize() {
        return TAG_LENGTH;
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
        if (key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("chacha20-poly1305 needs 64 bytes of key, got " + key.length);
        }
        this.mode = mode;
        setNonce(0);
        payloadCipher.init(true, new ParametersWithIV(new KeyParameter(key, 0, 32), nonce));
        lengthCipher.init(true, new ParametersWithIV(new KeyParameter(key, 32, 32), nonce));
        startPacket();
    }

    /**
     * Each packet's nonce is its sequence number; the keys stay. Given no key, BouncyCastle's engines keep
     * theirs and take the nonce alone. Keying them again for every packet also built their algorithm's name
     * as a string and checked BouncyCastle's service constraints, twice a packet in each direction.
     */
    @Override
    public void setSequenceNumber(long seq) {
        setNonce(seq);
        payloadCipher.init(true, new ParametersWithIV(null, nonce));
        lengthCipher.init(true, new ParametersWithIV(null, nonce));
        startPacket();
    }

    private void setNonce(long seq) {
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (seq >>> (56 - 8 * i));
        }
    }

    /** The Poly1305 key is the first 32 bytes of the payload key stream (block 0); the payload starts at block 1. */
    private void startPacket() {
        java.util.Arrays.fill(polyKey, (byte) 0);
        payloadCipher.processBytes(polyKey, 0, polyKey.length, polyKey, 0);
        payloadCipher.skip(BLOCK - polyKey.length); // the payload starts at block 1
        poly.init(new KeyParameter(polyKey));
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) {
        if (offset != 0 || length != LENGTH_FIELD) {
            throw new IllegalArgumentException("the associated data is the packet's first 4 bytes, its length; got "
                    + length + " bytes at " + offset);
        }
        if (mode == Mode.Decrypt) {
            System.arraycopy(data, offset, encryptedLength, 0, LENGTH_FIELD);
        }
        lengthCipher.processBytes(data, offset, LENGTH_FIELD, data, offset);
    }

    @Override
    public void updateAAD(byte[] data) {
        updateAAD(data, 0, LENGTH_FIELD);
    }

    /**
     * The payload {@code input[4, 4 + length)}, in place, with its tag right after it: the packet's length
     * field precedes it ({@link #updateAAD}), and the tag covers both, as OpenSSH's construction has it.
     */
    @Override
    public void update(byte[] input, int offset, int length) {
        if (offset != LENGTH_FIELD) {
            throw new IllegalArgumentException("the payload starts at 4, after the length; got " + offset);
        }
        int tagAt = offset + length;
        if (mode == Mode.Decrypt) {
            poly.update(encryptedLength, 0, LENGTH_FIELD);
            poly.update(input, offset, length);
            poly.doFinal(tag, 0);
            // In time that does not depend on where the tags differ.
            if (!Arrays.constantTimeAreEqual(TAG_LENGTH, tag, 0, input, tagAt)) {
                throw new SSHRuntimeException("MAC Error");
            }
            payloadCipher.processBytes(input, offset, length, input, offset);
        } else {
            payloadCipher.processBytes(input, offset, length, input, offset);
            poly.update(input, 0, tagAt);
            poly.doFinal(input, tagAt);
        }
    }

    @Override
    public void updateWithAAD(byte[] input, int offset, int aadLength, int inputLength) {
        updateAAD(input, offset, aadLength);
        update(input, offset + aadLength, inputLength);
    }
}
