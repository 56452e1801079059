package dev.termcade.vm;

import java.util.concurrent.atomic.AtomicLong;

/** Process-wide figures of the JIT tier: functions compiled, the wasm they came from, time spent compiling. */
public final class JitStats {
    private static final AtomicLong FUNCTIONS = new AtomicLong();
    private static final AtomicLong WASM_BYTES = new AtomicLong();
    private static final AtomicLong NANOS = new AtomicLong();
    private static final AtomicLong OSR_ENTRIES = new AtomicLong();

    private JitStats() {}

    static void record(CompiledFunction cf, long nanos) {
        FUNCTIONS.incrementAndGet();
        WASM_BYTES.addAndGet(cf.wasmBodyBytes());
        NANOS.addAndGet(nanos);
    }

    static void osrEntry() { OSR_ENTRIES.incrementAndGet(); }

    /** Times the interpreter continued a running loop in compiled code (on-stack replacement). */
    public static long osrEntries() { return OSR_ENTRIES.get(); }
    /** Compilations attempted (successful or refused) since the process started. */
    public static long functions() { return FUNCTIONS.get(); }
    /** Bytes of wasm function bodies those compilations came from. */
    public static long wasmBytes() { return WASM_BYTES.get(); }
    /** Time spent compiling, generating and defining the classes included. */
    public static long nanos() { return NANOS.get(); }
}
