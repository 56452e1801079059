package dev.termcade.repl;

import dev.termcade.vm.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Values written the way the WebAssembly text format writes numbers: floats as the shortest decimal that reads back
 * to the same bits ({@code 4.77e-5} style only for very small or large magnitudes, never Java's {@code 4.77E-5}),
 * {@code nan}, {@code nan:0x…}, {@code inf}; everything else as {@link Value#text()}.
 */
public final class NumberText {
    /** Decimal exponents in [PLAIN_MIN, PLAIN_MAX) are written out in full (0.000001, 123456.0), others with e: JavaScript's rule. */
    private static final int PLAIN_MIN = -6, PLAIN_MAX = 21;
    private static final int F32_MAX_DIGITS = 9, F64_MAX_DIGITS = 17;

    private NumberText() {}

    /** The value alone: {@code 42}, {@code 0.1}, {@code 1e-10}, {@code -inf}, {@code nan:0x200000}. */
    public static String of(Value v) {
        switch (v.type()) {
            case F32: return Float.isFinite(v.f32()) ? shortest(v.f32(), true) : v.text();
            case F64: return Double.isFinite(v.f64()) ? shortest(v.f64(), false) : v.text();
            default: return v.text();
        }
    }

    /** The value with its type, as the REPL prints results: {@code f32: 0.1}. */
    public static String typed(Value v) { return v.type() + ": " + of(v); }

    private static String shortest(double v, boolean single) {
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(v);
        int maxDigits = single ? F32_MAX_DIGITS : F64_MAX_DIGITS;
        BigDecimal d = exact;
        for (int digits = 1; digits <= maxDigits; digits++) {
            d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (single ? d.floatValue() == (float) v : d.doubleValue() == v) break;
        }
        return write(d.stripTrailingZeros());
    }

    private static String write(BigDecimal d) {
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= PLAIN_MIN && exponent < PLAIN_MAX) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String sign = d.signum() < 0 ? "-" : "";
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + exponent;
    }
}
