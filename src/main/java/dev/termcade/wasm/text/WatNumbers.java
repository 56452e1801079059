package dev.termcade.wasm.text;

import java.math.BigInteger;

/**
 * The numeric literals of the text format: integers (decimal or {@code 0x} hex, optional sign, {@code _} between
 * digits) and floats (decimal and hex, {@code inf}, {@code nan}, {@code nan:0x...}). Floats are rounded once, to
 * nearest even, from the exact value written (Java's parsers round f32 directly, not through a double).
 */
final class WatNumbers {
    private WatNumbers() {}

    /** Thrown for a token that is not a literal of the wanted kind, or one out of range; the message says which. */
    static final class BadNumber extends Exception {
        BadNumber(String message) { super(message, null, false, false); }
    }

    /** The end of a run of digits of {@code s} from {@code i} with single {@code _} between digits, or -1 if there is none. */
    private static int digits(String s, int i, boolean hex) {
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isDigit(c, hex)) {
                i++;
            } else if (c == '_' && i > start && i + 1 < s.length() && isDigit(s.charAt(i + 1), hex)) {
                i++;
            } else {
                break;
            }
        }
        return i == start ? -1 : i;
    }

    private static boolean isDigit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    /** The magnitude of an unsigned integer literal (no sign), or null if {@code s} is not one. */
    private static BigInteger unsigned(String s) {
        boolean hex = s.startsWith("0x");
        int from = hex ? 2 : 0;
        int end = digits(s, from, hex);
        if (end != s.length()) return null;
        return new BigInteger(s.substring(from).replace("_", ""), hex ? 16 : 10);
    }

    /** An integer of {@code bits} bits written signed or unsigned ({@code -2^(bits-1)} to {@code 2^bits - 1}). */
    static long integer(String s, int bits) throws BadNumber {
        boolean negative = s.startsWith("-");
        boolean signed = negative || s.startsWith("+");
        BigInteger v = unsigned(signed ? s.substring(1) : s);
        if (v == null) throw new BadNumber("unknown operator or malformed integer '" + s + "'");
        if (negative) v = v.negate();
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) throw new BadNumber("constant out of range: '" + s + "' does not fit in i" + bits);
        return v.longValue();
    }

    /** An unsigned 32-bit integer (indices, limits, offsets) as a long from 0 to 2^32 - 1, or -1 if {@code s} is not one. */
    static long u32OrMinus1(String s) throws BadNumber {
        BigInteger v = unsigned(s);
        if (v == null) return -1;
        if (v.bitLength() > 32) throw new BadNumber("i32 constant out of range: '" + s + "' does not fit in 32 bits");
        return v.longValue();
    }

    static boolean isUnsigned(String s) { return unsigned(s) != null; }

    static int f32(String s) throws BadNumber {
        return (int) floatBits(s, false);
    }

    static long f64(String s) throws BadNumber {
        return floatBits(s, true);
    }

    private static long floatBits(String s, boolean f64) throws BadNumber {
        boolean negative = s.startsWith("-");
        String m = negative || s.startsWith("+") ? s.substring(1) : s;
        int mantissaBits = f64 ? 52 : 23;
        long signBit = negative ? (f64 ? Long.MIN_VALUE : 0x80000000L) : 0;
        long expAll = f64 ? 0x7FF0000000000000L : 0x7F800000L;
        if (m.equals("inf")) return signBit | expAll;
        if (m.equals("nan")) return signBit | expAll | (1L << (mantissaBits - 1));
        if (m.startsWith("nan:0x")) {
            BigInteger payload = unsigned(m.substring(4));
            if (payload == null) throw new BadNumber("malformed NaN '" + s + "'");
            if (payload.signum() == 0 || payload.bitLength() > mantissaBits) {
                throw new BadNumber("constant out of range: NaN payload of '" + s + "' must be 1 to 2^" + mantissaBits + "-1");
            }
            return signBit | expAll | payload.longValue();
        }
        String java = javaFloat(m);
        if (java == null) throw new BadNumber("unknown operator or malformed float '" + s + "'");
        long bits;
        try {
            if (f64) {
                double d = Double.parseDouble(java);
                if (Double.isInfinite(d)) throw new BadNumber("constant out of range: '" + s + "' is beyond f64");
                bits = Double.doubleToRawLongBits(d);
            } else {
                float f = Float.parseFloat(java);
                if (Float.isInfinite(f)) throw new BadNumber("constant out of range: '" + s + "' is beyond f32");
                bits = Float.floatToRawIntBits(f) & 0xFFFFFFFFL;
            }
        } catch (NumberFormatException e) {
            throw new BadNumber("malformed float '" + s + "'");
        }
        return bits | signBit;
    }

    /**
     * The literal (without sign) in Java's syntax, or null if it is not a text-format float. Exponents too large
     * for Java's parser are clamped: any exponent beyond ±100000 already means infinity or zero.
     */
    private static String javaFloat(String m) {
        boolean hex = m.startsWith("0x");
        int i = hex ? 2 : 0;
        int end = digits(m, i, hex);
        if (end < 0) return null;
        StringBuilder out = new StringBuilder(hex ? "0x" : "").append(m, i, end);
        i = end;
        if (i < m.length() && m.charAt(i) == '.') {
            i++;
            out.append('.');
            int fracEnd = digits(m, i, hex);
            if (fracEnd > 0) {
                out.append(m, i, fracEnd);
                i = fracEnd;
            }
        }
        String exponent = "0";
        if (i < m.length() && (hex ? "pP" : "eE").indexOf(m.charAt(i)) >= 0) {
            i++;
            int signAt = i;
            if (i < m.length() && (m.charAt(i) == '+' || m.charAt(i) == '-')) i++;
            int expEnd = digits(m, i, false);
            if (expEnd < 0) return null;
            BigInteger e = new BigInteger(m.substring(i, expEnd).replace("_", ""));
            if (e.compareTo(BigInteger.valueOf(100000)) > 0) e = BigInteger.valueOf(100000);
            exponent = (m.charAt(signAt) == '-' ? "-" : "") + e;
            i = expEnd;
        }
        if (i != m.length()) return null;
        return out.append(hex ? 'p' : 'e').append(exponent).toString().replace("_", "");
    }
}
