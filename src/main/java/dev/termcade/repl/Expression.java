package dev.termcade.repl;

import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the prompt evaluates when a line is not a command: a call {@code add(add(1, 2), 3)}, wasm3's form
 * {@code add 1 2}, {@code _} (the last result) or a literal. Untyped literals ({@code 7}, {@code 0x10},
 * {@code -inf}) take the type of the parameter they are passed to; typed ones ({@code 1.5f32}, {@code 7i64}) must
 * match it.
 */
sealed interface Expression {
    /** A call of an exported function. */
    record Call(String function, List<Expression> arguments) implements Expression {}

    /** {@code _}: the results of the last evaluation. */
    record Last() implements Expression {}

    /** A literal with its type written after it, such as {@code 1.5f32}. */
    record Typed(Value value) implements Expression {}

    /** A word read by the type it is needed as: an untyped number, or a v128 as its shape and lanes. */
    record Untyped(String text) implements Expression {}

    /** Parses a whole line: the call form, else wasm3's form when the first word is a name, else one argument. */
    static Expression line(String s) {
        String t = s.strip();
        Call call = call(t);
        if (call != null) return call;
        List<String> words = split(t, ' ');
        if (words.size() > 0 && isName(words.get(0)) && !words.get(0).equals("_") && typed(words.get(0)) == null && !isNumberWord(words.get(0))) {
            List<Expression> args = new ArrayList<>();
            for (String w : words.subList(1, words.size())) args.add(argument(w));
            return new Call(words.get(0), args);
        }
        return argument(t);
    }

    /** Parses one argument: a nested call, {@code _}, a typed literal, or text to read by the parameter's type. */
    static Expression argument(String s) {
        String t = s.strip();
        if (t.equals("_")) return new Last();
        Call call = call(t);
        if (call != null) return call;
        Value v = typed(t);
        return v != null ? new Typed(v) : new Untyped(t);
    }

    /** {@code NAME(ARG, ...)} with the parenthesis closing at the end, or null. */
    private static Call call(String t) {
        int open = t.indexOf('(');
        if (open <= 0 || !t.endsWith(")") || !isName(t.substring(0, open).strip())) return null;
        String inside = t.substring(open + 1, t.length() - 1);
        if (depthAfter(t.substring(0, t.length() - 1)) != 1) return null; // e.g. f(1)(2): the last ) closes another call
        List<Expression> args = new ArrayList<>();
        if (!inside.isBlank()) for (String a : split(inside, ',')) args.add(argument(a));
        return new Call(t.substring(0, open).strip(), args);
    }

    /** Splits at {@code separator} (a space means any whitespace) outside parentheses; blank pieces are dropped. */
    static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0, from = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : separator;
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && (c == separator || separator == ' ' && Character.isWhitespace(c))) {
                if (!s.substring(from, i).isBlank()) parts.add(s.substring(from, i).strip());
                from = i + 1;
            }
            if (depth < 0) throw new IllegalArgumentException("a ')' without its '(' in " + s);
        }
        if (depth != 0) throw new IllegalArgumentException("a '(' without its ')' in " + s);
        return parts;
    }

    private static int depthAfter(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '(') depth++;
            else if (s.charAt(i) == ')' && --depth == 0) return 0;
        }
        return depth;
    }

    /** A name as exports are usually called: letters, digits, _ $ . - (not starting with a digit or sign). */
    static boolean isName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == '$')) return false;
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-');
    }

    /** Words that look like names but are numbers: nan, inf and nan:0x... */
    private static boolean isNumberWord(String s) { return s.equals("nan") || s.equals("inf") || s.startsWith("nan:"); }

    /** The type suffixes a literal may carry. */
    enum Suffix {
        I32(ValueType.I32), I64(ValueType.I64), F32(ValueType.F32), F64(ValueType.F64);

        final ValueType type;

        Suffix(ValueType type) { this.type = type; }

        String text() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code 1.5f32}, {@code 7i64}, {@code -infF64}…: the literal with its suffix, or null if {@code t} has none. */
    static Value typed(String t) {
        for (Suffix s : Suffix.values()) {
            if (!t.endsWith(s.text()) || t.length() == s.text().length()) continue;
            String number = t.substring(0, t.length() - s.text().length());
            boolean hexInteger = number.matches("[+-]?0[xX][0-9a-fA-F_]*") ;
            // 0x1f32 is the hex integer 0x1f32, not 0x1 as an f32: an f suffix needs a hex float's '.' or 'p'
            if ((s == Suffix.F32 || s == Suffix.F64) && hexInteger) continue;
            try {
                return Value.parse(s.type, number);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + t + "' is not a valid " + s.text() + " literal");
            }
        }
        return null;
    }

    /** An untyped literal evaluated on its own: an integer as i32 if it fits, else i64; anything else as f64. */
    static Value standalone(String t) {
        if (Repl.bigInteger(t) != null) {
            try {
                return Value.parse(ValueType.I32, t);
            } catch (IllegalArgumentException e) {
                return Value.parse(ValueType.I64, t);
            }
        }
        return Value.parse(ValueType.F64, t);
    }
}
