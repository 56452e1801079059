package dev.termcade.vm;

import dev.termcade.wasm.GlobalType;

/** A global variable: raw bits for numbers, an object for references. Shared by reference when imported. */
public final class GlobalVar implements Extern {
    final GlobalType type;
    long value;
    /** Bits 64..127 of a v128 global. */
    long high;
    Object ref;

    /** A global of {@code initial}'s type holding it, for the host to export to modules. */
    public GlobalVar(Value initial, boolean mutable) { this(new GlobalType(initial.type().code, mutable), initial); }

    GlobalVar(GlobalType type, Value initial) {
        this.type = type;
        this.value = initial.bits();
        this.high = initial.high();
        this.ref = initial.ref();
    }

    public ValueType valueType() { return ValueType.of(type.valType()); }

    public boolean isMutable() { return type.mutable(); }

    public Value get() { return Value.of(type.valType(), value, high, ref); }

    /** Sets the value; the host may set even immutable globals (e.g. before instantiating), wasm code may not. */
    public void set(Value v) {
        if (v.type().code != type.valType()) throw new IllegalArgumentException("global of type " + valueType() + " cannot hold " + v);
        value = v.bits();
        high = v.high();
        ref = v.ref();
    }

    /** As the text format writes its type: {@code global (mut i32)}. */
    @Override public String toString() { return "global " + type; }
}
