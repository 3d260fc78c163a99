package net.backup.session;

/**
 * The Poly1305 one-time authenticator (RFC 8439, section 2.5): 130-bit arithmetic in five 26-bit limbs, so
 * that every product fits a long. One instance is reused for every packet of a transport, keyed afresh each
 * time ({@link #init}); not thread-safe.
 */
final class Poly1305 {
    static final int TAG_LENGTH = 16;
    private static final long MASK26 = 0x3ffffff;

    private long r0, r1, r2, r3, r4;
    private long s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long pad0, pad1, pad2, pad3;
    /** A partial block waiting for more input, and how many of its bytes are filled. */
    private final byte[] partial = new byte[16];
    private int filled;

    /** @param key 32 bytes: r (clamped here) then s */
    void init(byte[] key) {
        r0 = unsigned(key, 0) & 0x3ffffff;
        r1 = (unsigned(key, 3) >>> 2) & 0x3ffff03;
        r2 = (unsigned(key, 6) >>> 4) & 0x3ffc0ff;
        r3 = (unsigned(key, 9) >>> 6) & 0x3f03fff;
        r4 = (unsigned(key, 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = unsigned(key, 16);
        pad1 = unsigned(key, 20);
        pad2 = unsigned(key, 24);
        pad3 = unsigned(key, 28);
        filled = 0;
    }

    void update(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (filled > 0) {
            int n = Math.min(16 - filled, end - at);
            System.arraycopy(data, at, partial, filled, n);
            filled += n;
            at += n;
            if (filled < 16) {
                return;
            }
            block(partial, 0, 1L << 24);
            filled = 0;
        }
        for (; end - at >= 16; at += 16) {
            block(data, at, 1L << 24);
        }
        if (at < end) {
            System.arraycopy(data, at, partial, 0, end - at);
            filled = end - at;
        }
    }

    /** The tag into {@code out[offset, offset + 16)}; the instance must be keyed again before further use. */
    void finish(byte[] out, int offset) {
        if (filled > 0) {
            partial[filled] = 1;
            for (int i = filled + 1; i < 16; i++) {
                partial[i] = 0;
            }
            block(partial, 0, 0);
            filled = 0;
        }
        long c = h1 >>> 26; h1 &= MASK26;
        h2 += c; c = h2 >>> 26; h2 &= MASK26;
        h3 += c; c = h3 >>> 26; h3 &= MASK26;
        h4 += c; c = h4 >>> 26; h4 &= MASK26;
        h0 += c * 5; c = h0 >>> 26; h0 &= MASK26;
        h1 += c;
        // h - p, and which of h and h - p is the value mod p (without a branch on secret data).
        long g0 = h0 + 5; c = g0 >>> 26; g0 &= MASK26;
        long g1 = h1 + c; c = g1 >>> 26; g1 &= MASK26;
        long g2 = h2 + c; c = g2 >>> 26; g2 &= MASK26;
        long g3 = h3 + c; c = g3 >>> 26; g3 &= MASK26;
        long g4 = h4 + c - (1L << 26);
        long useG = (g4 >>> 63) - 1; // all ones when h >= p (g4 did not go negative), else zero
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);
        // To four 32-bit words, then add s.
        long w0 = (h0 | h1 << 26) & 0xffffffffL;
        long w1 = (h1 >>> 6 | h2 << 20) & 0xffffffffL;
        long w2 = (h2 >>> 12 | h3 << 14) & 0xffffffffL;
        long w3 = (h3 >>> 18 | h4 << 8) & 0xffffffffL;
        long f = w0 + pad0;
        putLittleEndian(out, offset, f);
        f = w1 + pad1 + (f >>> 32);
        putLittleEndian(out, offset + 4, f);
        f = w2 + pad2 + (f >>> 32);
        putLittleEndian(out, offset + 8, f);
        f = w3 + pad3 + (f >>> 32);
        putLittleEndian(out, offset + 12, f);
    }

    private void block(byte[] m, int at, long hibit) {
        h0 += unsigned(m, at) & MASK26;
        h1 += (unsigned(m, at + 3) >>> 2) & MASK26;
        h2 += (unsigned(m, at + 6) >>> 4) & MASK26;
        h3 += (unsigned(m, at + 9) >>> 6) & MASK26;
        h4 += (unsigned(m, at + 12) >>> 8) | hibit;
        long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
        long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
        long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
        long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
        long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
        long c = d0 >>> 26; h0 = d0 & MASK26;
        d1 += c; c = d1 >>> 26; h1 = d1 & MASK26;
        d2 += c; c = d2 >>> 26; h2 = d2 & MASK26;
        d3 += c; c = d3 >>> 26; h3 = d3 & MASK26;
        d4 += c; c = d4 >>> 26; h4 = d4 & MASK26;
        h0 += c * 5; c = h0 >>> 26; h0 &= MASK26;
        h1 += c;
    }

    private static long unsigned(byte[] b, int at) {
        return ChaCha20.littleEndian(b, at) & 0xffffffffL;
    }

    private static void putLittleEndian(byte[] out, int at, long value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
    }
}
