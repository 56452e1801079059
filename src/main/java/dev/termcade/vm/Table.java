package dev.termcade.vm;

import dev.termcade.wasm.TableType;
import java.util.Arrays;

/** A table of references: {@link WasmFunction}s (or null) for funcref, any host object (or null) for externref. */
public final class Table implements Extern {
    private final ValueType elemType;
    private final long declaredMax;
    private final long max;
    Object[] elements;
    int size;

    /** A table of {@code size} null elements with a declared maximum ({@code -1}: none). */
    public Table(ValueType elemType, int size, long declaredMax) {
        this(elemType, size, declaredMax, ResourceLimits.UNLIMITED.maxTableElements());
        if (!elemType.isReference()) throw new IllegalArgumentException("a table holds references, not " + elemType);
    }

    private Table(ValueType elemType, int size, long declaredMax, int cap) {
        this.elemType = elemType;
        this.declaredMax = declaredMax;
        this.max = declaredMax >= 0 ? Math.min(declaredMax, cap) : cap;
        this.size = size;
        this.elements = new Object[Math.max(size, 0)];
    }

    static Table create(TableType type, int capElements) {
        if (type.limits().min() > capElements) throw new LinkException("table of " + type.limits().min() + " elements exceeds the host's limit of " + capElements);
        return new Table(ValueType.of(type.elemType()), (int) type.limits().min(), type.limits().max(), capElements);
    }

    public ValueType elemType() { return elemType; }
    public int size() { return size; }
    /** The declared maximum, or -1. */
    public long max() { return declaredMax; }

    public Object get(int index) {
        if (index < 0 || index >= size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS);
        return elements[index];
    }

    public void set(int index, Object value) {
        if (index < 0 || index >= size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS);
        elements[index] = checked(value);
    }

    /** A funcref table holds functions only: anything else would surface as an engine error at {@code call_indirect}. */
    private Object checked(Object value) {
        if (elemType == ValueType.FUNCREF && value != null && !(value instanceof WasmFunction)) {
            throw new IllegalArgumentException("a funcref table holds WasmFunctions or null, not " + value.getClass().getSimpleName());
        }
        return value;
    }

    /** Grows by {@code delta} elements set to {@code init}; the old size, or -1. */
    public int grow(int delta, Object init) {
        checked(init);
        long want = (long) size + (delta & 0xFFFFFFFFL);
        if (want > max || want > Integer.MAX_VALUE - 8) return -1;
        int old = size;
        try {
            if (want > elements.length) elements = Arrays.copyOf(elements, (int) Math.max(want, Math.min(max, (long) elements.length * 2)));
        } catch (OutOfMemoryError e) {
            return -1;
        }
        Arrays.fill(elements, old, (int) want, init);
        size = (int) want;
        return old;
    }

    @Override public String toString() { return "table " + elemType + "[" + size + "]"; }
}
