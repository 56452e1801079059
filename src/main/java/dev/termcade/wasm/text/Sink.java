package dev.termcade.wasm.text;

import java.util.Arrays;

/** A growing byte buffer with the binary format's encodings (LEB128, little-endian floats, names). */
final class Sink {
    private byte[] buf = new byte[32];
    private int len;

    int size() { return len; }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    Sink u8(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** Unsigned LEB128 of a value from 0 to 2^32 - 1 (or larger, for sizes). */
    Sink u32(long v) {
        if (v < 0) v &= 0xFFFFFFFFL; // an index above 2^31 held in an int
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            u8(v == 0 ? b : b | 0x80);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128 (i32, i64 and s33 block types alike). */
    Sink s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
            u8(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    Sink f32(int bits) {
        for (int i = 0; i < 4; i++) u8(bits >>> (8 * i));
        return this;
    }

    Sink f64(long bits) {
        for (int i = 0; i < 8; i++) u8((int) (bits >>> (8 * i)));
        return this;
    }

    Sink bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    Sink bytes(Sink s) {
        ensure(s.len);
        System.arraycopy(s.buf, 0, buf, len, s.len);
        len += s.len;
        return this;
    }

    /** A length-prefixed byte string (names, data). */
    Sink name(byte[] b) { return u32(b.length).bytes(b); }

    byte[] toByteArray() { return Arrays.copyOf(buf, len); }
}
