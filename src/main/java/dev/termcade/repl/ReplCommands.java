package dev.termcade.repl;

import dev.termcade.vm.Tier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The REPL's commands, each declared once: picocli reads these declarations for parsing, {@code help}, aliases and
 * JLine's tab completion (see {@link ReplTerminal}). The work itself is done by {@link Repl}.
 */
@Command(name = "", description = "Termcade REPL")
final class ReplCommands {
    /** The types {@code mem.read} and {@code mem.write} know; lower case because they are typed as they are. */
    enum MemType { i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, str, cstr }

    enum Switch { on, off }

    private static final String ADDRESS = "A byte address: decimal or 0x hex.";
    private static final String TYPES = "One of: ${COMPLETION-CANDIDATES}.";

    private final Repl repl;

    ReplCommands(Repl repl) { this.repl = repl; }

    @Command(name = "load", aliases = "l", customSynopsis = "load [--strict] FILE [as NAME]", description = {"Load and instantiate a module (.wasm or .wat).", "Imports nothing provides become logging stubs unless --strict."})
    void load(@Option(names = "--strict", description = "Refuse imports no loaded module or the console provides.") boolean strict,
              @Parameters(index = "0", paramLabel = "FILE", description = "A .wasm or .wat file.") Path file,
              @Parameters(index = "1", arity = "0..1", paramLabel = "as", hidden = true) String as,
              @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "The name other modules import it by (default: the file's name).") String name) {
        if ((as == null) != (name == null) || as != null && !as.equals("as")) throw new Repl.UsageError("usage: load [--strict] FILE [as NAME]");
        repl.load(file, name, strict);
    }

    @Command(name = "modules", aliases = "ms", description = "List loaded modules (* marks the current one).")
    void modules() { repl.listModules(); }

    @Command(name = "use", aliases = "u", description = "Make a loaded module the current one.")
    void use(@Parameters(paramLabel = "NAME", completionCandidates = ModuleNames.class) String name) { repl.use(name); }

    @Command(name = "info", aliases = "i", description = {"Summary of the current module.", "Sections, imports, exports, memories, tables, globals."})
    void info() { repl.info(); }

    @Command(name = "exports", aliases = "x", description = "The current module's exports with their types.")
    void exports() { repl.exports(); }

    @Command(name = "call", aliases = "c", description = {"Call an export (also EXPORT(ARGS...) or EXPORT ARGS).",
            "Arguments may be calls, _ (the last result) or typed literals (1.5f32, 7i64)."})
    void call(@Parameters(paramLabel = "EXPORT", completionCandidates = FunctionExports.class) String export,
              @Parameters(arity = "0..*", paramLabel = "ARGS") List<String> args) {
        repl.evaluate(callText(export, args), false);
    }

    @Command(name = "time", aliases = "t", description = "Run a call; report its time and instructions executed.")
    void time(@Parameters(paramLabel = "EXPORT", completionCandidates = FunctionExports.class) String export,
              @Parameters(arity = "0..*", paramLabel = "ARGS") List<String> args) {
        repl.evaluate(callText(export, args), true);
    }

    private static String callText(String export, List<String> args) {
        return args == null || args.isEmpty() ? export + (export.contains("(") ? "" : "()") : export + " " + String.join(" ", args);
    }

    @Command(name = "mem", aliases = "m", description = "Hexdump of memory (hexdump -C layout); decimal or 0x hex.")
    void mem(@Parameters(paramLabel = "ADDR", description = ADDRESS) String addr,
             @Parameters(arity = "0..1", paramLabel = "LEN", defaultValue = "256", description = "Bytes to show (default ${DEFAULT-VALUE}).") String len) {
        repl.mem(addr, len);
    }

    @Command(name = "mem.read", aliases = "mr", description = {"Read a value of TYPE at ADDR.", "str reads LEN bytes, cstr up to a zero byte."})
    void memRead(@Parameters(paramLabel = "TYPE", description = TYPES) MemType type, @Parameters(paramLabel = "ADDR", description = ADDRESS) String addr,
                 @Parameters(arity = "0..1", paramLabel = "LEN") String len) {
        repl.memRead(type, addr, len);
    }

    @Command(name = "mem.write", aliases = "mw", description = {"Write a value of TYPE (refused if out of its range).", "TYPE as for mem.read; str takes \"text\"."})
    void memWrite(@Parameters(paramLabel = "TYPE", description = TYPES) MemType type, @Parameters(paramLabel = "ADDR", description = ADDRESS) String addr,
                  @Parameters(paramLabel = "VALUE", description = "A number that fits TYPE, or \"text\" for str.") String value) {
        repl.memWrite(type, addr, value);
    }

    @Command(name = "mem.find", aliases = "mf", description = "Find bytes (hex, e.g. 48 65 6c) or \"text\" in memory.")
    void memFind(@Parameters(arity = "1..*", paramLabel = "BYTES|\"text\"") List<String> needle) { repl.memFind(); }

    @Command(name = "mem.save", aliases = "ms!", description = "Save memory (or ADDR LEN of it) to a file.")
    void memSave(@Parameters(index = "0", paramLabel = "FILE") Path file, @Parameters(index = "1", arity = "0..1", paramLabel = "ADDR") String addr,
                 @Parameters(index = "2", arity = "0..1", paramLabel = "LEN") String len) throws IOException {
        repl.memSave(file, addr, len);
    }

    @Command(name = "globals", aliases = "gs", description = "List exported globals and their values.")
    void globals() { repl.globals(); }

    @Command(name = "global", aliases = "g", description = "Show an exported global, or set a mutable one to VALUE.")
    void global(@Parameters(paramLabel = "NAME", completionCandidates = GlobalExports.class) String name,
                @Parameters(arity = "0..*", paramLabel = "VALUE", description = "A v128 takes its shape and lanes: i32x4 1 2 3 4.") List<String> value) {
        repl.global(name, value == null || value.isEmpty() ? null : String.join(" ", value));
    }

    @Command(name = "dis", aliases = "d", description = {"A function (by name, export or index) as wasm text.", "Without FUNC, the whole module; wat2wasm reads either back."})
    void dis(@Parameters(arity = "0..1", paramLabel = "FUNC", completionCandidates = FunctionNames.class) String function) { repl.dis(function); }

    @Command(name = "ir", aliases = "r", description = "A function as Termcade's register code.")
    void ir(@Parameters(paramLabel = "FUNC", completionCandidates = FunctionNames.class) String function) { repl.ir(function); }

    @Command(name = "trace", aliases = "tr", description = "Print every host import call made during calls.")
    void trace(@Parameters(paramLabel = "on|off") Switch on) { repl.trace(on == Switch.on); }

    @Command(name = "fuel", aliases = "f", description = "Trap each call after N wasm instructions.")
    void fuel(@Parameters(paramLabel = "N|off", completionCandidates = Off.class) String n) { repl.fuel(n); }

    /** What each tier means, for {@code help tier} and the {@code tier} command's answer. */
    static final String INTERP_MEANS = "the interpreter only", JIT_MEANS = "every function compiled to JVM bytecode on its first call",
            AUTO_MEANS = "hot functions compiled to JVM bytecode in the background";

    @Command(name = "tier", description = {"Show the engine tier and what runs compiled, or set it.",
            "interp: " + INTERP_MEANS + " (compiled code is kept, not run);", "jit: " + JIT_MEANS + ";", "auto: " + AUTO_MEANS + ".",
            "Applies to every loaded module and to those loaded later."})
    void tier(@Parameters(arity = "0..1", paramLabel = "interp|jit|auto", completionCandidates = TierNames.class) String tier) { repl.tier(tier); }

    @Command(name = "play", aliases = "p", description = {"Play the current module; q returns here.", "The game's instance becomes the current one, to inspect."})
    void play() throws IOException { repl.play(); }

    @Command(name = "reset", aliases = "rs", description = "Re-instantiate the current module (fresh state).")
    void reset() { repl.reset(); }

    @Command(name = "help", aliases = {"h", "?"}, description = "List the commands, or explain one.")
    void help(@Parameters(arity = "0..1", paramLabel = "COMMAND", completionCandidates = CommandNames.class) String command) { repl.help(command); }

    @Command(name = "quit", aliases = {"q", "exit", ":q"}, description = "Leave the REPL.")
    void quit() { repl.quit(); }

    // ---- completion candidates: live views of the REPL's state, made by Repl's factory ----

    static final class ModuleNames extends Live { ModuleNames(Repl r) { super(r::moduleNames); } }

    static final class FunctionExports extends Live { FunctionExports(Repl r) { super(r::functionExports); } }

    static final class GlobalExports extends Live { GlobalExports(Repl r) { super(r::globalExports); } }

    static final class FunctionNames extends Live { FunctionNames(Repl r) { super(r::functionNames); } }

    static final class CommandNames extends Live { CommandNames(Repl r) { super(r::commandNames); } }

    /** The tiers as they are typed: {@code interp}, {@code jit}, {@code auto}. */
    static final class TierNames implements Iterable<String> {
        @Override public Iterator<String> iterator() { return java.util.Arrays.stream(Tier.values()).map(Tier::label).iterator(); }
    }

    static final class Off implements Iterable<String> {
        @Override public Iterator<String> iterator() { return List.of("off").iterator(); }
    }

    /** Candidates read when Tab is pressed, not when the commands are declared. */
    abstract static class Live implements Iterable<String> {
        private final java.util.function.Supplier<List<String>> names;

        Live(java.util.function.Supplier<List<String>> names) { this.names = names; }

        @Override public Iterator<String> iterator() { return new ArrayList<>(names.get()).iterator(); }
    }
}
