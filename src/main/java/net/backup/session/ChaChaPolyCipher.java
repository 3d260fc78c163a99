package net.backup.session;

import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * chacha20-poly1305@openssh.com (OpenSSH's PROTOCOL.chacha20poly1305), on this project's own ChaCha20 and
 * Poly1305. sshj's implementation asks BouncyCastle for both by name, and BouncyCastle is not registered
 * (see {@link CryptoProviders}). Ours is also the cheapest modern cipher under C1, the launcher's only
 * compiler: AES-GCM there runs in plain Java, with neither the AES nor the carry-less multiply instructions.
 * <p>
 * The 64 bytes of key are two ChaCha20 keys: the first for the payload, the second for the four bytes of
 * packet length. The nonce is the packet's sequence number; block 0 of the payload key's stream keys
 * Poly1305, the payload is encrypted from block 1, and the tag covers the encrypted length and payload.
 * sshj's transport drives it as it drives its own: {@link #setSequenceNumber} before each packet, the length
 * through {@link #updateAAD}, then the payload through {@link #update} at offset 4 of the packet.
 */
public final class ChaChaPolyCipher implements Cipher {
    public static final String NAME = "chacha20-poly1305@openssh.com";
    private static final int KEY_LENGTH = 64;
    private static final int LENGTH_FIELD = 4;

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

    private final Poly1305 poly = new Poly1305();
    private final byte[] tag = new byte[Poly1305.TAG_LENGTH];
    /** The packet length as it came over the wire, which the tag covers; kept when decrypting. */
    private final byte[] encryptedLength = new byte[LENGTH_FIELD];
    private Mode mode;
    private ChaCha20 payloadKey;
    private ChaCha20 lengthKey;
    private long sequence;

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
        return Poly1305.TAG_LENGTH;
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
        if (key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("chacha20-poly1305 needs 64 bytes of key, got " + key.length);
        }
        this.mode = mode;
        this.payloadKey = new ChaCha20(key, 0);
        this.lengthKey = new ChaCha20(key, 32);
        setSequenceNumber(0);
    }

    @Override
    public void setSequenceNumber(long seq) {
        this.sequence = seq;
        poly.init(payloadKey.keyStream(seq, 0, 32));
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) {
        if (length != LENGTH_FIELD) {
            throw new IllegalArgumentException("the associated data is the 4-byte packet length, got " + length + " bytes");
        }
        if (mode == Mode.Decrypt) {
            System.arraycopy(data, offset, encryptedLength, 0, LENGTH_FIELD);
        }
        lengthKey.xor(sequence, 0, data, offset, LENGTH_FIELD);
    }

    @Override
    public void updateAAD(byte[] data) {
        updateAAD(data, 0, LENGTH_FIELD);
    }

    /**
     * The payload {@code input[offset, offset + length)}, in place, with its tag right after it. At offset 4
     * the packet's length field precedes it ({@link #updateAAD}), and the tag covers both.
     */
    @Override
    public void update(byte[] input, int offset, int length) {
        if (offset != 0 && offset != LENGTH_FIELD) {
            throw new IllegalArgumentException("the payload starts at 0, or at 4 after the length; got " + offset);
        }
        int tagAt = offset + length;
        if (mode == Mode.Decrypt) {
            if (offset == LENGTH_FIELD) {
                poly.update(encryptedLength, 0, LENGTH_FIELD);
            }
            poly.update(input, offset, length);
            poly.finish(tag, 0);
            if (!sameTag(input, tagAt)) {
                throw new SSHRuntimeException("MAC Error");
            }
            payloadKey.xor(sequence, 1, input, offset, length);
        } else {
            payloadKey.xor(sequence, 1, input, offset, length);
            poly.update(input, 0, tagAt);
            poly.finish(input, tagAt);
        }
    }

    /** Compared in time that does not depend on where the tags differ. */
    private boolean sameTag(byte[] input, int at) {
        int difference = 0;
        for (int i = 0; i < Poly1305.TAG_LENGTH; i++) {
            difference |= tag[i] ^ input[at + i];
        }
        return difference == 0;
    }

    @Override
    public void updateWithAAD(byte[] input, int offset, int aadLength, int inputLength) {
        updateAAD(input, offset, aadLength);
        update(input, offset + aadLength, inputLength);
    }
}
