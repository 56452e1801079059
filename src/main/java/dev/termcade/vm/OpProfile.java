package dev.termcade.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostics only: with {@code -Dtermcade.opProfile=true} the dispatch loop counts every executed register
 * instruction and every pair of consecutive ones, to choose superinstructions from measured pairs (see
 * {@code ./run.sh bench --pairs}). Off, the check is a constant the JIT removes. Counts are not thread-safe: profile
 * one thread at a time.
 */
public final class OpProfile {
    static final boolean ON = Boolean.getBoolean("termcade.opProfile");
    private static final long[] SINGLE = new long[Op.COUNT];
    private static final long[] PAIRS = new long[Op.COUNT * Op.COUNT];
    private static int previous = Op.RETURN;

    private OpProfile() {}

    static void count(int op) {
        SINGLE[op]++;
        PAIRS[previous * Op.COUNT + op]++;
        previous = op;
    }

    public static boolean enabled() { return ON; }

    public static void reset() {
        java.util.Arrays.fill(SINGLE, 0);
        java.util.Arrays.fill(PAIRS, 0);
    }

    /** The {@code top} most executed instructions and pairs, with their share of all executed instructions. */
    public static String report(int top) {
        long total = 0;
        for (long c : SINGLE) total += c;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d instructions executed%n", total));
        sb.append(table("instruction", SINGLE, top, total, i -> Op.NAMES[i]));
        sb.append(table("pair", PAIRS, top, total, i -> Op.NAMES[i / Op.COUNT] + " > " + Op.NAMES[i % Op.COUNT]));
        return sb.toString();
    }

    private static String table(String what, long[] counts, int top, long total, java.util.function.IntFunction<String> name) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) if (counts[i] > 0) order.add(i);
        order.sort((a, b) -> Long.compare(counts[b], counts[a]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(top, order.size()); k++) {
            int i = order.get(k);
            sb.append(String.format(Locale.ROOT, "  %5.1f%%  %-40s %,d%n", 100.0 * counts[i] / Math.max(1, total), name.apply(i), counts[i]));
        }
        return "top " + what + "s:\n" + sb;
    }
}
