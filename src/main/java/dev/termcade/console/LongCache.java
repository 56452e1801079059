package dev.termcade.console;

/**
 * An open-addressing map from non-zero {@code long} keys to values, for the renderer's per-frame lookups: no
 * boxing, no allocation once warm. It doubles up to {@code maxCapacity}, then starts over rather than grow
 * without bound (a cart drawing endless colours).
 */
final class LongCache<V> {
    private final int maxCapacity;
    private long[] keys;
    private Object[] values;
    private int count;

    LongCache(int initialCapacity, int maxCapacity) {
        this.maxCapacity = maxCapacity;
        this.keys = new long[initialCapacity];
        this.values = new Object[initialCapacity];
    }

    private static int slot(long key, int mask) { return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask; }

    /** The value for {@code key} (never 0), or null. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        return null;
    }

    void put(long key, V value) {
        if (count * 2 >= keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == 0) count++;
        keys[i] = key;
        values[i] = value;
    }

    /** Forgets every entry (the values they map to changed meaning). */
    void clear() {
        java.util.Arrays.fill(keys, 0);
        java.util.Arrays.fill(values, null);
        count = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        boolean full = oldKeys.length >= maxCapacity;
        keys = new long[full ? oldKeys.length : oldKeys.length * 2];
        values = new Object[keys.length];
        count = 0;
        if (full) return;
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == 0) continue;
            int i = slot(oldKeys[j], mask);
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
            count++;
        }
    }
}
