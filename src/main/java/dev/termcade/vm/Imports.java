package dev.termcade.vm;

import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What a module's imports resolve to: host functions, memories, tables, globals, or other instances' exports. */
public final class Imports {
    private final Map<String, Extern> externs = new HashMap<>();
    private final Map<String, Instance> instances = new HashMap<>();
    private Function<UnresolvedImport, Extern> fallback;

    private static String key(String module, String name) { return module + "\u0000" + name; }

    /** A host function of signature {@code type} as {@code module.name} (named so in traps and backtraces). */
    public Imports function(String module, String name, FunctionType type, HostFunction fn) {
        return add(module, name, new WasmFunction(type, module + "." + name, fn));
    }

    /** Any extern (a function, memory, table or global, the host's or another instance's) as {@code module.name}. */
    public Imports add(String module, String name, Extern extern) {
        externs.put(key(module, name), java.util.Objects.requireNonNull(extern, "extern"));
        return this;
    }

    /** Makes every export of {@code instance} importable as {@code module.<export>} (the spec's {@code register}). */
    public Imports instance(String module, Instance instance) {
        instances.put(module, instance);
        return this;
    }

    /** Consulted for imports nothing else provides (e.g. the REPL's stand-ins); may return null: a link error then names it. */
    public Imports fallback(Function<UnresolvedImport, Extern> resolver) {
        this.fallback = resolver;
        return this;
    }

    public boolean hasModule(String module) { return instances.containsKey(module); }

    /** What {@code imp} of {@code module} links to, or null. */
    Extern resolve(Import imp, Module module) {
        Extern o = externs.get(key(imp.module(), imp.name()));
        if (o != null) return o;
        Instance inst = instances.get(imp.module());
        if (inst != null) {
            o = inst.export(imp.name());
            if (o != null) return o;
        }
        return fallback == null ? null : fallback.apply(new UnresolvedImport(imp, module));
    }
}
