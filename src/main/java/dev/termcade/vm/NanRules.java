package dev.termcade.vm;

/**
 * Which NaN a float operation returns. WebAssembly leaves the sign and payload of a NaN result to the engine, but a
 * game that stores one leaves those bits in its memory, and WASM-4's reference (V8 on x86-64, as in a browser) is
 * what a cart's state is compared with. So Termcade decides explicitly rather than leave it to the JIT (which may
 * swap the operands of a commutative {@code a + b}):
 * <ul>
 * <li>add, sub, mul, div: the left operand with its quiet bit set if it is a NaN, else the right one quieted; a NaN
 *     made from numbers (0/0, inf-inf) is the hardware's default NaN, as computed;</li>
 * <li>min, max: the default NaN (sign set, no payload) whenever an operand is a NaN.</li>
 * </ul>
 * All of these are canonical or arithmetic NaNs, as the spec requires. Values in and out are raw bits, an f32's
 * sign-extended to a long as registers hold them.
 */
final class NanRules {
    private NanRules() {}

    private static final int F32_QUIET = 0x0040_0000;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;
    /** x86's default NaN ("real indefinite"): what V8 returns from min/max of a NaN. */
    static final int F32_DEFAULT_NAN = 0xFFC0_0000;
    static final long F64_DEFAULT_NAN = 0xFFF8_0000_0000_0000L;

    private static boolean isNaN32(int bits) { return (bits & 0x7FFF_FFFF) > 0x7F80_0000; }
    private static boolean isNaN64(long bits) { return (bits & Long.MAX_VALUE) > 0x7FF0_0000_0000_0000L; }

    /** The NaN result of an arithmetic op whose raw result {@code r} is a NaN. */
    static long propagate32(int a, int b, long r) {
        if (isNaN32(a)) return a | F32_QUIET;
        if (isNaN32(b)) return b | F32_QUIET;
        return r;
    }

    static long propagate64(long a, long b, long r) {
        if (isNaN64(a)) return a | F64_QUIET;
        if (isNaN64(b)) return b | F64_QUIET;
        return r;
    }

    /** The bits of an f64 arithmetic result {@code r} that is a NaN, from operands {@code a} and {@code b} (compiled code's slow path). */
    static long nan64(double r, long a, long b) { return propagate64(a, b, Double.doubleToRawLongBits(r)); }

    static long nan32(float r, long a, long b) { return propagate32((int) a, (int) b, Float.floatToRawIntBits(r)); }

    static long add32(long a, long b) { float r = Float.intBitsToFloat((int) a) + Float.intBitsToFloat((int) b); return r != r ? propagate32((int) a, (int) b, Float.floatToRawIntBits(r)) : Float.floatToRawIntBits(r); }
    static long sub32(long a, long b) { float r = Float.intBitsToFloat((int) a) - Float.intBitsToFloat((int) b); return r != r ? propagate32((int) a, (int) b, Float.floatToRawIntBits(r)) : Float.floatToRawIntBits(r); }
    static long mul32(long a, long b) { float r = Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b); return r != r ? propagate32((int) a, (int) b, Float.floatToRawIntBits(r)) : Float.floatToRawIntBits(r); }
    static long div32(long a, long b) { float r = Float.intBitsToFloat((int) a) / Float.intBitsToFloat((int) b); return r != r ? propagate32((int) a, (int) b, Float.floatToRawIntBits(r)) : Float.floatToRawIntBits(r); }

    static long add64(long a, long b) { double r = Double.longBitsToDouble(a) + Double.longBitsToDouble(b); return r != r ? propagate64(a, b, Double.doubleToRawLongBits(r)) : Double.doubleToRawLongBits(r); }
    static long sub64(long a, long b) { double r = Double.longBitsToDouble(a) - Double.longBitsToDouble(b); return r != r ? propagate64(a, b, Double.doubleToRawLongBits(r)) : Double.doubleToRawLongBits(r); }
    static long mul64(long a, long b) { double r = Double.longBitsToDouble(a) * Double.longBitsToDouble(b); return r != r ? propagate64(a, b, Double.doubleToRawLongBits(r)) : Double.doubleToRawLongBits(r); }
    static long div64(long a, long b) { double r = Double.longBitsToDouble(a) / Double.longBitsToDouble(b); return r != r ? propagate64(a, b, Double.doubleToRawLongBits(r)) : Double.doubleToRawLongBits(r); }

    static long min32(long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
        return x != x || y != y ? F32_DEFAULT_NAN : Float.floatToRawIntBits(Math.min(x, y));
    }

    static long max32(long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
        return x != x || y != y ? F32_DEFAULT_NAN : Float.floatToRawIntBits(Math.max(x, y));
    }

    static long min64(long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        return x != x || y != y ? F64_DEFAULT_NAN : Double.doubleToRawLongBits(Math.min(x, y));
    }

    static long max64(long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        return x != x || y != y ? F64_DEFAULT_NAN : Double.doubleToRawLongBits(Math.max(x, y));
    }
}
