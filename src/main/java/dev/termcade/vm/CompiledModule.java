package dev.termcade.vm;

import dev.termcade.wasm.BoundedFiles;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.WasmException;
import dev.termcade.wasm.WasmFormatException;
import dev.termcade.wasm.text.Wat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A module that is decoded, validated and translated: immutable, so any number of instances (one per player,
 * one per REPL reset) share it without translating again.
 */
public final class CompiledModule {
    /** Module files larger than this are refused before reading: no real program is near it. */
    public static final long MAX_FILE_BYTES = 256L << 20;

    final Module module;
    final FuncType[] types;
    final CompiledFunction[] functions;
    private final String name;
    private volatile Tier tier;

    private CompiledModule(Module module, String name) {
        this.module = module;
        this.name = name;
        this.types = module.types().toArray(new FuncType[0]);
        int imported = module.importedFunctionCount();
        this.functions = new CompiledFunction[module.bodies().size()];
        for (int i = 0; i < functions.length; i++) functions[i] = Translator.translate(module, imported + i);
        tier(Tier.defaultTier());
    }

    /** The tier running this module's functions, in every instance. */
    public Tier tier() { return tier; }

    /** Chooses the tier for this module's functions from now on (INTERP: calls and loops no longer enter compiled code). */
    public CompiledModule tier(Tier tier) {
        this.tier = tier;
        for (CompiledFunction f : functions) {
            f.tier = tier;
            // The interpreter's loop headers and calls need not count towards compiling.
            f.heat = tier == Tier.INTERP ? Integer.MAX_VALUE : JitRuntime.HOT_THRESHOLD;
        }
        return this;
    }

    public static CompiledModule load(byte[] bytes) { return load(bytes, "module"); }

    public static CompiledModule load(byte[] bytes, String name) {
        return new CompiledModule(Module.decode(bytes), name);
    }

    /**
     * Reads and loads a binary or text module file; I/O problems become a one-line {@link WasmException}. The read stops at
     * {@link #MAX_FILE_BYTES} whatever the file is (a device such as /dev/zero or a pipe has no size up front).
     */
    public static CompiledModule load(Path path) {
        byte[] bytes;
        if (Files.isDirectory(path)) throw new WasmException(path + ": is a directory, not a module file");
        if (!Files.exists(path)) throw new WasmException(path + ": no such file");
        try {
            bytes = BoundedFiles.read(path, MAX_FILE_BYTES);
        } catch (IOException e) {
            String why = e.getMessage() != null && e.getMessage().startsWith(path.toString()) ? e.getMessage() : path + ": cannot read: " + e.getMessage();
            throw new WasmException(why + (why.contains("larger than") ? " for a module" : ""));
        }
        if (bytes.length == 0) throw new WasmFormatException("module header", 0, "empty file (expected a WebAssembly binary)").inFile(path.toString());
        String n = path.getFileName().toString();
        try {
            if (isText(n, bytes)) bytes = Wat.toBinary(bytes);
            return load(bytes, moduleName(path));
        } catch (WasmException e) {
            throw e.inFile(path.toString());
        }
    }

    /** The name a module file goes by: its file name without {@code .wasm}, {@code .wat} or {@code .wast}. */
    public static String moduleName(Path path) {
        return path.getFileName().toString().replaceFirst("\\.(wasm|wat|wast)$", "");
    }

    /**
     * Whether a file holds the text format: named {@code .wat}/{@code .wast}, or without the binary magic and
     * starting (after blanks) with {@code (} or a {@code ;;} comment. Anything else is decoded as a binary.
     */
    static boolean isText(String fileName, byte[] bytes) {
        if (Wat.isBinary(bytes)) return false;
        if (fileName.endsWith(".wat") || fileName.endsWith(".wast")) return true;
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            return b == '(' || b == ';';
        }
        return false;
    }

    public Module module() { return module; }
    public String name() { return name; }

    /**
     * The register code function {@code funcIndex} (module index space) was translated to, one instruction per line
     * ({@code   12: i32_add r5, r2, r3}), or null for an imported function, which has no code here.
     */
    public String disassemble(int funcIndex) {
        CompiledFunction f = function(funcIndex);
        return f == null ? null : Disassembler.disassemble(f);
    }

    /**
     * Compiles function {@code funcIndex} (module index space) for the JIT tier now, as a hot function would be;
     * null when it compiled (or was compiled before), else why it stays interpreted.
     */
    public String compileForJit(int funcIndex) {
        CompiledFunction f = function(funcIndex);
        return f == null ? "imported" : f.compileForJit();
    }

    /**
     * In the {@link Tier#JIT} tier, compiles every function now instead of at its first call: a console calls this
     * before a cart's frames run under their deadline, so compile time never counts as a slow frame. No-op in the
     * other tiers (AUTO compiles hot functions in the background).
     */
    public void compileAllIfJitTier() {
        if (tier != Tier.JIT) return;
        for (CompiledFunction f : functions) f.compileForJit();
    }

    /**
     * Whether function {@code funcIndex} (module index space) runs as JVM bytecode now: it is compiled and the tier
     * is not {@link Tier#INTERP} (which keeps compiled code but no longer enters it).
     */
    public boolean isJitCompiled(int funcIndex) {
        CompiledFunction f = function(funcIndex);
        return f != null && f.isJitCompiled() && tier != Tier.INTERP;
    }

    /** The translated code of function {@code funcIndex} (module index space), or null for an imported function. */
    CompiledFunction function(int funcIndex) {
        int i = funcIndex - module.importedFunctionCount();
        return i < 0 || i >= functions.length ? null : functions[i];
    }

    /** Finds a function by name-section name, export name, or number. */
    public int findFunction(String nameOrIndex) {
        try {
            int i = Integer.parseInt(nameOrIndex);
            if (i >= 0 && i < module.functionTypes().size()) return i;
        } catch (NumberFormatException ignored) {
            // a name
        }
        for (int i = 0; i < module.functionTypes().size(); i++) {
            if (nameOrIndex.equals(module.functionName(i))) return i;
        }
        var e = module.export(nameOrIndex);
        if (e != null && e.kind() == dev.termcade.wasm.ExternKind.FUNC) return e.index();
        return -1;
    }
}
