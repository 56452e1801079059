package dev.termcade.vm;

/**
 * A typed wasm value for the embedding API: raw bits for numbers (so NaN payloads survive), an object for references;
 * a v128 keeps its bytes 0..7 in {@code bits} and bytes 8..15 in {@code high} (little-endian lanes, as in memory).
 * A funcref holds a {@link WasmFunction} or null, an externref any host object or null.
 */
public record Value(ValueType type, long bits, Object ref, long high) {
    public Value {
        if (type == ValueType.FUNCREF && ref != null && !(ref instanceof WasmFunction)) {
            throw new IllegalArgumentException("a funcref holds a WasmFunction or null, not " + ref.getClass().getSimpleName());
        }
        if (!type.isReference() && ref != null) throw new IllegalArgumentException("a " + type + " holds no reference");
    }

    public static Value v128(long low, long high) { return new Value(ValueType.V128, low, null, high); }
    public static Value i32(int v) { return new Value(ValueType.I32, v, null, 0); }
    public static Value i64(long v) { return new Value(ValueType.I64, v, null, 0); }
    public static Value f32(float v) { return f32Bits(Float.floatToRawIntBits(v)); }
    public static Value f64(double v) { return f64Bits(Double.doubleToRawLongBits(v)); }
    public static Value f32Bits(int bits) { return new Value(ValueType.F32, bits, null, 0); }
    public static Value f64Bits(long bits) { return new Value(ValueType.F64, bits, null, 0); }
    /** A funcref or externref. */
    public static Value ref(ValueType type, Object ref) {
        if (!type.isReference()) throw new IllegalArgumentException(type + " is not a reference type");
        return new Value(type, 0, ref, 0);
    }

    /** A number or v128 from its raw bits (an i32's or f32's in the low 32); {@code high} is used only by v128. */
    public static Value raw(ValueType type, long bits, long high) {
        if (type.isReference()) throw new IllegalArgumentException(type + " is a reference type: use Value.ref");
        return new Value(type, type == ValueType.I32 || type == ValueType.F32 ? (int) bits : bits, null, type == ValueType.V128 ? high : 0);
    }

    /** A value in the engine's register form: a type code, the bits and the upper bits, or the reference. */
    static Value of(byte code, long bits, long high, Object ref) {
        ValueType type = ValueType.of(code);
        return type.isReference() ? ref(type, ref) : raw(type, bits, high);
    }

    /** The zero of a type: 0, +0.0, all-zero v128, null reference. */
    public static Value zero(ValueType type) { return type.isReference() ? ref(type, null) : raw(type, 0, 0); }

    public int i32() { return (int) bits; }
    public long i64() { return bits; }
    public float f32() { return Float.intBitsToFloat((int) bits); }
    public double f64() { return Double.longBitsToDouble(bits); }

    /** The value alone, e.g. {@code 42}, {@code 2.5}, {@code nan:0x400000}, {@code null}. */
    public String text() {
        switch (type) {
            case I32: return Integer.toString((int) bits);
            case I64: return Long.toString(bits);
            case F32: return floatText(f32(), (int) bits & 0x7FFFFF, 0x400000, (int) bits < 0);
            case F64: return floatText(f64(), bits & 0xFFFFFFFFFFFFFL, 0x8000000000000L, bits < 0);
            case V128: return v128Text();
            default: return ref == null ? "null" : ref.toString();
        }
    }

    /** A v128 as four hex i32 lanes, lane 0 first, e.g. {@code 0x00000001 0x00000002 0x00000003 0x00000004}. */
    private String v128Text() {
        return String.format("0x%08x 0x%08x 0x%08x 0x%08x", (int) bits, (int) (bits >>> 32), (int) high, (int) (high >>> 32));
    }

    private static String floatText(double v, long payload, long canonical, boolean negative) {
        if (Double.isNaN(v)) return (negative ? "-" : "") + (payload == canonical ? "nan" : "nan:0x" + Long.toHexString(payload));
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf(v);
        return String.valueOf(v);
    }

    /** The value with its type, as the REPL prints it: {@code i32: 42}. */
    @Override public String toString() { return type + ": " + text(); }

    /** Parses a value of the given type: decimal or 0x hex integers, decimals, nan, inf, null. */
    public static Value parse(ValueType type, String s) {
        String t = s.trim().replace("_", "");
        try {
            switch (type) {
                case I32: return i32((int) parseInteger(t, 32));
                case I64: return i64(parseInteger(t, 64));
                case F32: return f32Bits(FloatText.f32Bits(t));
                case F64: return f64Bits(FloatText.f64Bits(t));
                case V128: return parseV128(s.trim().split("\\s+"));
                default:
                    if (t.equals("null")) return ref(type, null);
                    throw new IllegalArgumentException("only null can be written for a " + type);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid " + type);
        }
    }

    /** The lane shapes a v128 is written in: {@code i32x4 1 2 3 4}. */
    private enum Shape {
        I8X16(ValueType.I32, 8), I16X8(ValueType.I32, 16), I32X4(ValueType.I32, 32), I64X2(ValueType.I64, 64),
        F32X4(ValueType.F32, 32), F64X2(ValueType.F64, 64);

        final ValueType laneType;
        final int laneBits;

        Shape(ValueType laneType, int laneBits) {
            this.laneType = laneType;
            this.laneBits = laneBits;
        }
    }

    /**
     * Parses the arguments of a call to {@code function} from words: one word per number or reference, a v128 as its
     * shape followed by its lanes ({@code i32x4 1 2 3 4}), as separate words or as one.
     */
    public static Value[] parseArguments(String function, FunctionType type, java.util.List<String> words) {
        Value[] values = new Value[type.paramCount()];
        int filled = 0, w = 0;
        for (; filled < values.length && w < words.size(); filled++) {
            if (type.param(filled) == ValueType.V128 && words.get(w).trim().contains(" ")) {
                values[filled] = parseV128(words.get(w++).trim().split("\\s+")); // one word, as in f(i32x4 1 2 3 4, 5)
            } else if (type.param(filled) == ValueType.V128) {
                int end = Math.min(words.size(), w + 1 + v128Lanes(words.get(w)));
                values[filled] = parseV128(words.subList(w, end).toArray(new String[0]));
                w = end;
            } else {
                values[filled] = parse(type.param(filled), words.get(w++));
            }
        }
        if (filled == values.length && w == words.size()) return values;
        throw new IllegalArgumentException(function + " takes " + type.paramCount() + " argument(s) " + type + ", got " + words.size() + " word(s)"
                + (type.toString().contains("v128") ? " (a v128 is written as its shape and lanes, e.g. i32x4 1 2 3 4)" : ""));
    }

    private static int v128Lanes(String shape) {
        try {
            return 128 / Shape.valueOf(shape.toUpperCase(java.util.Locale.ROOT)).laneBits;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** Parses a v128 written as a shape and its lanes, lane 0 first: {@code i8x16 1 2 ... 16}, {@code f32x4 1.5 0 0 -1}. */
    public static Value parseV128(String... shapeAndLanes) {
        Shape shape;
        try {
            shape = Shape.valueOf(shapeAndLanes[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a v128 is written as a shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2) and its lanes, e.g. i32x4 1 2 3 4");
        }
        int lanes = 128 / shape.laneBits;
        if (shapeAndLanes.length != lanes + 1) throw new IllegalArgumentException(shape.name().toLowerCase(java.util.Locale.ROOT) + " takes " + lanes + " lanes, got " + (shapeAndLanes.length - 1));
        long[] bits = new long[lanes];
        for (int k = 0; k < lanes; k++) {
            String lane = shapeAndLanes[k + 1];
            bits[k] = shape.laneBits < 32 ? parseLane(lane, shape.laneBits) : parse(shape.laneType, lane).bits();
        }
        return v128Lanes(shape.laneBits, bits);
    }

    /** A v128 from {@code 128 / laneBits} lanes of {@code laneBits} each, lane 0 first (bits above a lane's width are ignored). */
    public static Value v128Lanes(int laneBits, long... lanes) {
        long[] words = new long[2];
        long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
        for (int k = 0; k < lanes.length; k++) {
            int bit = k * laneBits;
            words[bit / 64] |= (lanes[k] & mask) << (bit % 64);
        }
        return v128(words[0], words[1]);
    }

    /** Lane {@code k} of this v128 seen as lanes of {@code laneBits}, zero-extended. */
    public long lane(int laneBits, int k) {
        int bit = k * laneBits;
        long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
        return ((bit < 64 ? bits : high) >>> (bit % 64)) & mask;
    }

    private static long parseLane(String lane, int bits) {
        try {
            return parseInteger(lane.trim().replace("_", ""), bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + lane + "' is not a valid i" + bits + " lane");
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
