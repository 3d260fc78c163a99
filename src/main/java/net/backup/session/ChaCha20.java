package net.backup.session;

/**
 * The ChaCha20 stream cipher as OpenSSH's chacha20-poly1305 uses it: D. J. Bernstein's original layout, a
 * 64-bit block counter and a 64-bit nonce (the packet's sequence number, big-endian), 20 rounds. One instance
 * holds one 256-bit key; not thread-safe (a transport encrypts or decrypts one packet at a time).
 */
final class ChaCha20 {
    /** "expand 32-byte k", little-endian. */
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private final int[] key = new int[8];
    private final int[] block = new int[16];

    ChaCha20(byte[] key, int offset) {
        for (int i = 0; i < 8; i++) {
            this.key[i] = littleEndian(key, offset + 4 * i);
        }
    }

    /**
     * XORs {@code data[offset, offset + length)} with the key stream of {@code nonce}, starting at the
     * beginning of block {@code counter}: encryption and decryption alike.
     */
    void xor(long nonce, long counter, byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        long next = counter;
        while (at < end) {
            keyStreamBlock(nonce, next++);
            int n = Math.min(64, end - at);
            int word = 0;
            // Whole words first: four bytes of key stream at a time, little-endian.
            for (; word < n / 4; word++, at += 4) {
                int k = block[word];
                data[at] ^= (byte) k;
                data[at + 1] ^= (byte) (k >>> 8);
                data[at + 2] ^= (byte) (k >>> 16);
                data[at + 3] ^= (byte) (k >>> 24);
            }
            for (int b = 0; b < n % 4; b++, at++) {
                data[at] ^= (byte) (block[word] >>> (8 * b));
            }
        }
    }

    /** The first {@code length} (at most 64) bytes of key stream block {@code counter}. */
    byte[] keyStream(long nonce, long counter, int length) {
        byte[] out = new byte[length];
        xor(nonce, counter, out, 0, length);
        return out;
    }

    /** One 64-byte block of key stream into {@link #block}, as sixteen little-endian words. */
    private void keyStreamBlock(long nonce, long counter) {
        // The nonce's bytes are the sequence number big-endian; read as little-endian words.
        int n0 = Integer.reverseBytes((int) (nonce >>> 32));
        int n1 = Integer.reverseBytes((int) nonce);
        int c0 = (int) counter;
        int c1 = (int) (counter >>> 32);
        int x0 = C0, x1 = C1, x2 = C2, x3 = C3;
        int x4 = key[0], x5 = key[1], x6 = key[2], x7 = key[3];
        int x8 = key[4], x9 = key[5], x10 = key[6], x11 = key[7];
        int x12 = c0, x13 = c1, x14 = n0, x15 = n1;
        for (int round = 0; round < 10; round++) {
            // Columns.
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // Diagonals.
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        block[0] = x0 + C0;
        block[1] = x1 + C1;
        block[2] = x2 + C2;
        block[3] = x3 + C3;
        block[4] = x4 + key[0];
        block[5] = x5 + key[1];
        block[6] = x6 + key[2];
        block[7] = x7 + key[3];
        block[8] = x8 + key[4];
        block[9] = x9 + key[5];
        block[10] = x10 + key[6];
        block[11] = x11 + key[7];
        block[12] = x12 + c0;
        block[13] = x13 + c1;
        block[14] = x14 + n0;
        block[15] = x15 + n1;
    }

    static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
