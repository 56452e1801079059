package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What a module's imports resolve to: host functions, memories, tables, globals, or other instances' exports. */
public final class Imports {
    private final Map<String, Object> externs = new HashMap<>();
    private final Map<String, Instance> instances = new HashMap<>();
    private Function<Import, Object> fallback;

    private static String key(String module, String name) { return module + "\u0000" + name; }

    public Imports function(String module, String name, FuncType type, HostFunction fn) {
        externs.put(key(module, name), new WasmFunction(type, module + "." + name, fn));
        return this;
    }

    public Imports add(String module, String name, Object extern) {
        if (!(extern instanceof WasmFunction || extern instanceof Memory || extern instanceof Table || extern instanceof GlobalVar)) {
            throw new IllegalArgumentException("not an external value: " + extern);
        }
        externs.put(key(module, name), extern);
        return this;
    }

    /** Makes every export of {@code instance} importable as {@code module.<export>} (the spec's {@code register}). */
    public Imports instance(String module, Instance instance) {
        instances.put(module, instance);
        return this;
    }

    /** Consulted for imports nothing else provides (e.g. the REPL's logging stubs); may return null. */
    public Imports fallback(Function<Import, Object> resolver) {
        this.fallback = resolver;
        return this;
    }

    public boolean hasModule(String module) { return instances.containsKey(module); }

    Object resolve(Import imp) {
        Object o = externs.get(key(imp.module(), imp.name()));
        if (o != null) return o;
        Instance inst = instances.get(imp.module());
        if (inst != null) {
            o = inst.export(imp.name());
            if (o != null) return o;
        }
        return fallback == null ? null : fallback.apply(imp);
    }
}
