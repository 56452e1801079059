package dev.termcade.vm;

import dev.termcade.wasm.FuncType;

/** A function value: wasm code of an instance, or a host function. This is what funcref references hold. */
public final class WasmFunction implements Extern {
    final FuncType type;
    final Instance instance;
    final CompiledFunction code;
    final HostFunction host;
    final String name;

    WasmFunction(FuncType type, Instance instance, CompiledFunction code, String name) {
        this.type = type;
        this.instance = instance;
        this.code = code;
        this.host = null;
        this.name = name;
    }

    /** A host function with a declared wasm type; {@code name} appears in traps and backtraces. */
    public WasmFunction(FunctionType type, String name, HostFunction host) {
        this.type = type.wasm;
        this.instance = null;
        this.code = null;
        this.host = host;
        this.name = name;
    }

    public FunctionType type() { return new FunctionType(type); }
    public String name() { return name; }
    public boolean isHost() { return host != null; }
    /** The instance owning this function's code, or null for host functions. */
    public Instance instance() { return instance; }

    @Override public String toString() { return "func " + name + " " + type; }
}
