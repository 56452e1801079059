package dev.termcade.vm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/**
 * Float literals as the REPL and {@code run} read them: decimal or hex ({@code 0x1.8p3}), {@code inf},
 * {@code nan}, {@code nan:0xPAYLOAD}, each with a sign that is kept (also on NaN). An f32 is rounded once, from the
 * exact value, to nearest-even: going through a double first would round twice
 * ({@code 1.00000005960464477539062500000001} must give 0x3f800001, not 1.0).
 */
final class FloatText {
    private FloatText() {}

    static int f32Bits(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        String body = negative || t.startsWith("+") ? t.substring(1) : t;
        int sign = negative ? 0x8000_0000 : 0;
        if (body.equals("inf") || body.equals("infinity")) return sign | 0x7F80_0000;
        if (body.startsWith("nan")) return sign | 0x7F80_0000 | (int) nanPayload(body, 0x40_0000L, 23);
        BigDecimal exact = exactValue(body);
        float approx = body.startsWith("0x") ? (float) Double.parseDouble(hexWithExponent(body)) : Float.parseFloat(body);
        return sign | Float.floatToRawIntBits(exact == null ? approx : nearestF32(exact, Math.abs(approx)));
    }

    static long f64Bits(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        String body = negative || t.startsWith("+") ? t.substring(1) : t;
        long sign = negative ? 0x8000_0000_0000_0000L : 0;
        if (body.equals("inf") || body.equals("infinity")) return sign | 0x7FF0_0000_0000_0000L;
        if (body.startsWith("nan")) return sign | 0x7FF0_0000_0000_0000L | nanPayload(body, 0x8_0000_0000_0000L, 52);
        // Double.parseDouble rounds decimal and hex once, correctly.
        return sign | Double.doubleToRawLongBits(Double.parseDouble(body.startsWith("0x") ? hexWithExponent(body) : body));
    }

    private static long nanPayload(String body, long canonical, int bits) {
        if (body.equals("nan")) return canonical;
        if (!body.startsWith("nan:0x")) throw new NumberFormatException(body);
        long p = Long.parseUnsignedLong(body.substring(6), 16);
        if (p == 0 || p >>> bits != 0) throw new NumberFormatException("NaN payload out of range");
        return p;
    }

    private static String hexWithExponent(String body) { return body.contains("p") ? body : body + "p0"; }

    /**
     * The exact value of a non-negative decimal or hex literal, or null when its magnitude is so far outside the
     * f32 range that the plain parse is already exact (0 or infinity) and computing it exactly would be wasteful.
     */
    private static BigDecimal exactValue(String body) {
        if (!body.startsWith("0x")) {
            BigDecimal v = new BigDecimal(body);
            int order = v.precision() - v.scale();
            return order > 50 || order < -60 ? null : v;
        }
        String h = hexWithExponent(body).substring(2);
        int p = h.indexOf('p');
        String mantissa = h.substring(0, p);
        long exponent = Long.parseLong(h.substring(p + 1).replace("+", ""));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.replace(".", "");
        if (digits.isEmpty()) throw new NumberFormatException(body);
        long e = exponent - 4L * (dot < 0 ? 0 : mantissa.length() - dot - 1);
        BigInteger m = new BigInteger(digits, 16);
        if (m.signum() == 0) return BigDecimal.ZERO;
        long order = m.bitLength() + e;
        if (order > 200 || order < -200) return null;
        return e >= 0 ? new BigDecimal(m.shiftLeft((int) e)) : new BigDecimal(m).divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -e)));
    }

    /** The f32 nearest to {@code exact} (ties to even); {@code approx} is within one ulp of it. */
    private static float nearestF32(BigDecimal exact, float approx) {
        float c = Float.isInfinite(approx) ? Float.MAX_VALUE : approx;
        int cmp = exact.compareTo(new BigDecimal(c));
        if (cmp == 0) return c;
        float n = cmp > 0 ? Math.nextUp(c) : Math.nextDown(c);
        // Past MAX_VALUE the next step would be 2^128: the overflow threshold is halfway to it.
        BigDecimal next = Float.isInfinite(n) ? new BigDecimal(BigInteger.ONE.shiftLeft(128)) : new BigDecimal(n);
        BigDecimal mid = new BigDecimal(c).add(next).divide(BigDecimal.valueOf(2), MathContext.UNLIMITED);
        int vsMid = exact.compareTo(mid);
        if (cmp > 0 ? vsMid > 0 : vsMid < 0) return n;
        if (vsMid == 0) return (Float.floatToRawIntBits(c) & 1) == 0 ? c : n;
        return c;
    }
}
