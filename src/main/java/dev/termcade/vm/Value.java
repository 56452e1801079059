package dev.termcade.vm;

import dev.termcade.wasm.ValType;

/** A typed wasm value for the embedding API: raw bits for numbers (so NaN payloads survive), an object for references. */
public record Value(byte type, long bits, Object ref) {
    public static Value i32(int v) { return new Value(ValType.I32, v, null); }
    public static Value i64(long v) { return new Value(ValType.I64, v, null); }
    public static Value f32(float v) { return new Value(ValType.F32, Float.floatToRawIntBits(v), null); }
    public static Value f64(double v) { return new Value(ValType.F64, Double.doubleToRawLongBits(v), null); }
    public static Value f32Bits(int bits) { return new Value(ValType.F32, bits, null); }
    public static Value f64Bits(long bits) { return new Value(ValType.F64, bits, null); }
    public static Value ref(byte type, Object ref) { return new Value(type, 0, ref); }
    public static Value raw(byte type, long bits) { return new Value(type, type == ValType.I32 || type == ValType.F32 ? (int) bits : bits, null); }

    public static Value zero(byte type) { return ValType.isRef(type) ? ref(type, null) : raw(type, 0); }

    public int i32() { return (int) bits; }
    public long i64() { return bits; }
    public float f32() { return Float.intBitsToFloat((int) bits); }
    public double f64() { return Double.longBitsToDouble(bits); }

    /** The value alone, e.g. {@code 42}, {@code 2.5}, {@code nan:0x400000}, {@code null}. */
    public String text() {
        switch (type) {
            case ValType.I32: return Integer.toString((int) bits);
            case ValType.I64: return Long.toString(bits);
            case ValType.F32: return floatText(f32(), (int) bits & 0x7FFFFF, 0x400000, (int) bits < 0);
            case ValType.F64: return floatText(f64(), bits & 0xFFFFFFFFFFFFFL, 0x8000000000000L, bits < 0);
            default: return ref == null ? "null" : ref.toString();
        }
    }

    private static String floatText(double v, long payload, long canonical, boolean negative) {
        if (Double.isNaN(v)) return (negative ? "-" : "") + (payload == canonical ? "nan" : "nan:0x" + Long.toHexString(payload));
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf(v);
        return String.valueOf(v);
    }

    /** The value with its type, as the REPL prints it: {@code i32: 42}. */
    @Override public String toString() { return ValType.name(type) + ": " + text(); }

    /** Parses a value of the given type: decimal or 0x hex integers, decimals, nan, inf, null. */
    public static Value parse(byte type, String s) {
        String t = s.trim().replace("_", "");
        try {
            switch (type) {
                case ValType.I32: return i32((int) parseInteger(t, 32));
                case ValType.I64: return i64(parseInteger(t, 64));
                case ValType.F32: return f32Bits(FloatText.f32Bits(t));
                case ValType.F64: return f64Bits(FloatText.f64Bits(t));
                default:
                    if (t.equals("null")) return ref(type, null);
                    throw new IllegalArgumentException("only null can be written for a " + ValType.name(type));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid " + ValType.name(type));
        }
    }

    private static long parseInteger(String t, int bits) {
        boolean neg = t.startsWith("-");
        String body = neg || t.startsWith("+") ? t.substring(1) : t;
        java.math.BigInteger v = body.startsWith("0x") || body.startsWith("0X")
                ? new java.math.BigInteger(body.substring(2), 16) : new java.math.BigInteger(body);
        if (neg) v = v.negate();
        java.math.BigInteger min = java.math.BigInteger.ONE.shiftLeft(bits - 1).negate();
        java.math.BigInteger max = java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) throw new NumberFormatException("out of range");
        return v.longValue();
    }
}
