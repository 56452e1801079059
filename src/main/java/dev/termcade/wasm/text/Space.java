package dev.termcade.wasm.text;

import java.util.HashMap;
import java.util.Map;

/** One index space of a module (functions, tables, ...) or of a function (locals): how many, and their {@code $names}. */
final class Space {
    final String kind;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<Integer, String> byIndex = new HashMap<>();
    int count;

    Space(String kind) { this.kind = kind; }

    /** Adds the next index, named by {@code id} when it is not null. */
    int define(SExpr id) {
        int index = count++;
        if (id != null) {
            if (names.putIfAbsent(id.text, index) != null) throw id.error("duplicate " + kind + " " + id.text);
            byIndex.put(index, id.text.substring(1));
        }
        return index;
    }

    /** A reference: {@code $name} or a number. */
    int resolve(SExpr ref) {
        if (ref.kind == SExpr.Kind.ID) {
            Integer i = names.get(ref.text);
            if (i == null) throw ref.error("unknown " + kind + " " + ref.text);
            return i;
        }
        if (ref.kind == SExpr.Kind.KEYWORD) {
            long v;
            try {
                v = WatNumbers.u32OrMinus1(ref.text);
            } catch (WatNumbers.BadNumber e) {
                throw ref.error(e.getMessage());
            }
            if (v >= 0) return (int) v;
        }
        throw ref.error("expected a " + kind + " index or $name, found " + ref.describe());
    }

    /** The name (without {@code $}) of an index, or null. */
    String nameOf(int index) { return byIndex.get(index); }

    static boolean isIndex(SExpr n) {
        return n != null && (n.kind == SExpr.Kind.ID || n.kind == SExpr.Kind.KEYWORD && WatNumbers.isUnsigned(n.text));
    }
}
