package dev.termcade.vm;

/**
 * The arguments and results of one host call: a view onto the caller's register stack, so calling the host
 * allocates nothing. Valid only during the call.
 */
public final class HostFrame {
    final Machine machine;
    int base;
    Instance caller;

    HostFrame(Machine machine) { this.machine = machine; }

    public int i32(int i) { return (int) machine.stack[base + i]; }
    public long i64(int i) { return machine.stack[base + i]; }
    public float f32(int i) { return Float.intBitsToFloat((int) machine.stack[base + i]); }
    public double f64(int i) { return Double.longBitsToDouble(machine.stack[base + i]); }
    public Object ref(int i) { return machine.refs[base + i]; }
    public long raw(int i) { return machine.stack[base + i]; }
    /** A v128 argument as a value (its bytes 0..7 are {@link #raw(int)}). */
    public Value v128(int i) { return Value.v128(machine.stack[base + i], machine.high[base + i]); }

    public void i32(int i, int v) { machine.stack[base + i] = v; }
    public void i64(int i, long v) { machine.stack[base + i] = v; }
    public void f32(int i, float v) { machine.stack[base + i] = Float.floatToRawIntBits(v); }
    public void f64(int i, double v) { machine.stack[base + i] = Double.doubleToRawLongBits(v); }
    public void ref(int i, Object v) { machine.refs[base + i] = v; }
    public void raw(int i, long v) { machine.stack[base + i] = v; }
    public void v128(int i, long low, long high) {
        machine.stack[base + i] = low;
        machine.high[base + i] = high;
    }

    /** The instance whose code made this call (its memory is usually what the host wants). */
    public Instance caller() { return caller; }

    /** The calling instance's memory, or null (no memory, or a call straight from the host). */
    public Memory memory() { return caller == null ? null : caller.memory(); }

    /** The machine running this call: a host function calls back into wasm through it, on the same thread. */
    public Machine machine() { return machine; }
}
