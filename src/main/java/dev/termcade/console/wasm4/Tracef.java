package dev.termcade.console.wasm4;

import java.math.BigDecimal;

/**
 * {@code tracef(fmt, args)}: a printf subset over arguments packed in memory, 4 bytes each except %f (8):
 * %c a character, %d and %x an i32 in decimal and hex (a negative number keeps its sign, as WASM-4 prints it),
 * %s a NUL-terminated string, %f an f64 written the way JavaScript writes numbers, %% a percent sign.
 */
final class Tracef {
    private Tracef() {}

    static String format(Wasm4Runtime rt, int fmtPtr, int argPtr) {
        StringBuilder out = new StringBuilder();
        long fmt = fmtPtr, arg = argPtr;
        int ch;
        while ((ch = rt.byteAt("tracef", fmt++)) != 0) {
            if (ch != '%') {
                out.append((char) ch);
                continue;
            }
            ch = rt.byteAt("tracef", fmt++);
            switch (ch) {
                case '%': out.append('%'); break;
                case 'c': out.append((char) rt.memory().readInt(checked(arg, 4))); arg += 4; break;
                case 'd': out.append(rt.memory().readInt(checked(arg, 4))); arg += 4; break;
                case 'x': out.append(Integer.toString(rt.memory().readInt(checked(arg, 4)), 16)); arg += 4; break;
                case 's': out.append(rt.cString("tracef", rt.memory().readInt(checked(arg, 4)) & 0xFFFFFFFFL)); arg += 4; break;
                case 'f': out.append(javascriptNumber(rt.memory().readDouble(checked(arg, 8)))); arg += 8; break;
                default: out.append('%').append((char) ch); break;
            }
        }
        return out.toString();
    }

    private static long checked(long ptr, int len) {
        Wasm4Runtime.checkRange("tracef", ptr, len);
        return ptr;
    }

    /** A double as JavaScript's {@code String(x)}: integers without ".0", exponents from 1e21 and below 1e-6. */
    static String javascriptNumber(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return "0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) return exact.toPlainString();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }
}
