package dev.termcade.repl;

import dev.termcade.console.Cartridge;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.TerminalPlay;
import dev.termcade.console.wasm4.Wasm4Disk;
import dev.termcade.console.wasm4.Wasm4Runtime;
import dev.termcade.console.wasm4.Wasm4Sound;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Extern;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.GlobalVar;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Memory;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Table;
import dev.termcade.vm.Tier;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import dev.termcade.vm.Watchdog;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.ModuleSummary;
import dev.termcade.wasm.SafeText;
import dev.termcade.wasm.WasmException;
import dev.termcade.wasm.WatPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The workbench: load modules, call exports, read and write memory and globals, read code. Each line is a command
 * (declared once in {@link ReplCommands}), a definition {@code (func ...)} for the scratch module, or an expression
 * ({@link Expression}); {@link #execute} runs it and reports whether it succeeded, so the same object serves the
 * interactive prompt (see {@link ReplTerminal}) and piped scripts.
 */
public final class Repl {
    /** The width {@code help} fits in. */
    static final int HELP_WIDTH = 80;

    /** A loaded module and its instance. */
    static final class Loaded {
        final String name;
        final Path path;
        final CompiledModule module;
        final boolean strict;
        Instance instance;

        Loaded(String name, Path path, CompiledModule module, boolean strict) {
            this.name = name;
            this.path = path;
            this.module = module;
            this.strict = strict;
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, Loaded> modules = new LinkedHashMap<>();
    private final ScratchModule scratch = new ScratchModule();
    private Loaded current;
    private boolean trace;
    private long fuel = -1;
    /** The tier the {@code tier} command chose for every module; null until then: {@link Tier#defaultTier()} ({@code --tier}). */
    private Tier tier;
    private boolean quit;
    private boolean anyFailed;
    private final boolean interactive;
    private ResourceLimits limits = ResourceLimits.CARTRIDGE;
    private long timeoutMs;
    /** The machine every call and start section runs on; Ctrl-C and the timeout interrupt it. */
    private final Machine machine = new Machine();
    private Watchdog.Timer timer;

    public Repl(PrintWriter out, PrintWriter err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.commands = commandLine();
    }

    /** Caps what each loaded module may allocate (the {@code --max-memory} option). */
    public Repl limits(ResourceLimits limits) {
        this.limits = limits;
        return this;
    }

    /** Interrupts instantiation (a start section) and each call after {@code ms} milliseconds; 0: no limit (Ctrl-C still works). */
    public Repl timeout(long ms) {
        if (ms < 0) throw new IllegalArgumentException("a timeout cannot be negative: " + ms + " ms");
        this.timeoutMs = ms;
        return this;
    }

    /** Runs wasm on the REPL's machine under the timeout, if one was set. */
    private <T> T bounded(String what, java.util.function.Supplier<T> call) {
        if (timeoutMs == 0) return call.get();
        if (timer == null) timer = Watchdog.timer(machine, "interrupted: ");
        return timer.within(what, timeoutMs, call);
    }

    public boolean quitRequested() { return quit; }
    public boolean anyFailed() { return anyFailed; }

    /** Runs one line; returns false (and prints one error line) if it failed. */
    private final CommandLine commands;
    /** What followed the command word on the line being run (mem.find tells "text" from hex by its quotes). */
    private String rawArguments = "";
    /** The results of the last evaluation: what {@code _} stands for. */
    private List<Value> last;
    /** Hands the terminal to a game and takes it back (the interactive prompt pauses JLine); none when piped. */
    private Runnable beforePlay = () -> {}, afterPlay = () -> {};

    private CommandLine commandLine() {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override public <K> K create(Class<K> cls) throws Exception {
                // completion candidates read this REPL's state; everything else as picocli makes it
                if (ReplCommands.Live.class.isAssignableFrom(cls)) return cls.getDeclaredConstructor(Repl.class).newInstance(Repl.this);
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = new CommandLine(new ReplCommands(this), factory);
        cl.setUnmatchedOptionsArePositionalParams(true); // -5 and -inf are values, not options
        cl.setExpandAtFiles(false);
        cl.setOut(out);
        cl.setErr(err);
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpAutoWidth(false);
        return cl;
    }

    /** The commands' declarations, for completion. */
    public CommandLine.Model.CommandSpec commandSpec() { return commands.getCommandSpec(); }

    /** What runs before a game takes the terminal and after it gives it back. */
    public Repl aroundPlay(Runnable before, Runnable after) {
        this.beforePlay = before;
        this.afterPlay = after;
        return this;
    }

    /** Runs one line; returns false (and prints one error line) if it failed. */
    public boolean execute(String line) {
        machine.clearInterrupt(); // a Ctrl-C pressed at the prompt stops nothing: only what runs from now on
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || s.startsWith(";;")) return true;
        try {
            dispatch(s);
            return true;
        } catch (Trap t) {
            err.println(t.describe());
        } catch (WasmException | IllegalArgumentException | UsageError | IOException | IndexOutOfBoundsException e) {
            err.println("error: " + SafeText.line(e.getMessage()));
        } catch (dev.termcade.console.CartridgeException e) {
            err.println("error: " + SafeText.line(e.getMessage()));
        } finally {
            out.flush();
            err.flush();
        }
        anyFailed = true;
        return false;
    }

    /** Runs a script from a non-terminal input: every line, even after failures; returns the exit code. */
    public int runScript(BufferedReader in) throws IOException {
        String line;
        while (!quit && (line = in.readLine()) != null) execute(line);
        return anyFailed ? 1 : 0;
    }

    static final class UsageError extends RuntimeException {
        UsageError(String m) { super(m, null, false, false); }
    }

    private void dispatch(String s) throws IOException {
        if (s.startsWith("(")) {
            define(s);
            return;
        }
        String[] parts = s.split("\\s+", 2);
        CommandLine command = commands.getSubcommands().get(parts[0]);
        if (command == null) {
            evaluate(s, false);
            return;
        }
        rawArguments = parts.length > 1 ? parts[1].strip() : "";
        List<String> args = new ArrayList<>();
        args.add(parts[0]);
        args.addAll(words(rawArguments));
        Exception[] failure = new Exception[1];
        commands.setParameterExceptionHandler((e, a) -> {
            String usage = e.getCommandLine() == commands ? "" : " (usage: " + synopsis(e.getCommandLine()) + ")";
            failure[0] = new UsageError(e.getMessage() + usage);
            return 2;
        });
        commands.setExecutionExceptionHandler((e, cl, parsed) -> {
            failure[0] = e;
            return 1;
        });
        commands.execute(args.toArray(new String[0]));
        if (failure[0] instanceof IOException) throw (IOException) failure[0];
        if (failure[0] instanceof RuntimeException) throw (RuntimeException) failure[0];
        if (failure[0] != null) throw new UsageError(failure[0].toString());
    }

    /** {@code load [--strict] FILE [as NAME]}: the command's synopsis from its declaration. */
    private static String synopsis(CommandLine command) {
        return command.getHelp().synopsis(0).strip().replaceAll("\\s+", " ");
    }

    /**
     * Words, keeping "quoted strings" together (quotes removed; \" and \\ stand for themselves, \n for a line
     * feed). A plain scan, so a quoted argument of any length costs nothing on the Java stack.
     */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder w = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < n) {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n': w.append('\n'); break;
                            case '"': case '\\': w.append(e); break;
                            default: w.append(d).append(e); break;
                        }
                    } else {
                        w.append(d);
                    }
                }
                if (i >= n) throw new UsageError("unterminated \"quoted argument\"");
                i++;
                out.add(w.toString());
            } else {
                int from = i;
                while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
                out.add(s.substring(from, i));
            }
        }
        return out;
    }

    private Loaded cur() {
        if (current == null) throw new UsageError("no module loaded (load FILE first)");
        return current;
    }

    // ---- loading ----

    void load(Path path, String as, boolean strict) {
        String name = as != null ? as : CompiledModule.moduleName(path);
        long t0 = System.nanoTime();
        CompiledModule cm = CompiledModule.load(path);
        Loaded l = new Loaded(name, path, cm, strict);
        l.instance = instantiate(cm, strict);
        modules.put(name, l);
        current = l;
        long exports = cm.module().exports().stream().filter(e -> e.kind() == ExternKind.FUNC).count();
        out.printf(Locale.ROOT, "loaded %s as %s: %d functions, %d exported, %.1f ms%n", SafeText.of(path.toString()), SafeText.of(name),
                cm.module().functionTypes().size(), exports, (System.nanoTime() - t0) / 1e6);
    }

    /** A definition typed at the prompt joins the scratch module, which becomes the current module. */
    private void define(String field) {
        CompiledModule cm = scratch.with(field);
        Loaded l = new Loaded(ScratchModule.NAME, Path.of("(typed at the prompt)"), cm, false);
        l.instance = instantiate(cm, false);
        scratch.keep(field);
        modules.put(l.name, l);
        current = l;
        String exports = cm.module().exports().stream().map(e -> SafeText.of(e.name())).collect(java.util.stream.Collectors.joining(", "));
        out.println("scratch: " + scratch.size() + " definition" + (scratch.size() == 1 ? "" : "s") + (exports.isEmpty() ? "" : ", exports " + exports));
    }

    private Instance instantiate(CompiledModule cm, boolean strict) {
        if (tier != null) cm.tier(tier);
        Imports imports = new Imports();
        for (Loaded l : modules.values()) imports.instance(l.name, l.instance);
        if (isWasm4(cm)) {
            // A WASM-4 cart gets WASM-4's console: drawing lands in its memory (mem 0xa0), trace prints here.
            new Wasm4Runtime(Wasm4Disk.inMemory(), out::println, Wasm4Sound.SILENT).bind(imports);
            out.println("note: a WASM-4 cart: env.* is the WASM-4 console (framebuffer at 0xa0); call start() and update(), or play");
        }
        ImportResolver resolver = new ImportResolver(out::println, strict, () -> trace);
        imports.fallback(resolver::provide);
        return bounded("the start section did not return",
                () -> Instance.builder(cm).withImports(imports).withLimits(limits).withMachine(machine).build());
    }

    private static boolean isWasm4(CompiledModule cm) {
        try {
            return Cartridge.Abi.detect(cm.module()) == Cartridge.Abi.WASM4;
        } catch (dev.termcade.console.CartridgeException e) {
            return false; // mixes ABIs: plain stubs then
        }
    }

    void listModules() {
        if (modules.isEmpty()) out.println("no modules loaded");
        for (Loaded l : modules.values()) out.println((l == current ? "* " : "  ") + SafeText.of(l.name) + "  " + SafeText.of(l.path.toString()));
    }

    void exports() {
        for (Map.Entry<String, Extern> e : cur().instance.exports().entrySet()) {
            Extern v = e.getValue();
            String what;
            if (v instanceof WasmFunction) what = "func " + ((WasmFunction) v).type();
            else if (v instanceof Memory) what = "memory " + ((Memory) v).pages() + " pages";
            else if (v instanceof Table) what = v.toString();
            else what = v + " = " + NumberText.of(((GlobalVar) v).get());
            out.println(SafeText.of(e.getKey()) + ": " + what);
        }
    }

    void use(String name) {
        Loaded l = modules.get(name);
        if (l == null) throw new UsageError("no module named '" + name + "' (loaded: " + String.join(", ", modules.keySet()) + ")" + didYouMean(name, modules.keySet()));
        current = l;
        out.println("using " + SafeText.of(l.name));
    }

    void info() {
        CompiledModule cm = cur().module;
        out.print(ModuleSummary.render(cm.module(), cur().path.toString(), cm.module().bytes().length));
        List<String> compiled = jitCompiled(cm);
        out.println("JIT tier (" + cm.tier().label() + "): " + compiled.size() + " of " + definedFunctions(cm) + " functions run as JVM bytecode"
                + (compiled.isEmpty() ? "" : ": " + String.join(", ", compiled)));
    }

    /** The functions of {@code cm} that run as JVM bytecode now, by name (or func[N]). */
    private static List<String> jitCompiled(CompiledModule cm) {
        List<String> compiled = new ArrayList<>();
        for (int f = cm.module().importedFunctionCount(); f < cm.module().functionTypes().size(); f++) {
            String name = cm.module().functionName(f);
            if (cm.isJitCompiled(f)) compiled.add(name == null ? "func[" + f + "]" : SafeText.of(name));
        }
        return compiled;
    }

    private static int definedFunctions(CompiledModule cm) { return cm.module().functionTypes().size() - cm.module().importedFunctionCount(); }

    /**
     * {@code tier [interp|jit|auto]}: sets the tier of every loaded module and of those loaded from now on (the
     * scratch module's rebuilds included), then shows it and how many functions of each module run compiled.
     */
    void tier(String name) {
        if (name != null) {
            tier = Tier.parse(name);
            for (Loaded l : modules.values()) l.module.tier(tier);
        }
        Tier shown = tier != null ? tier : Tier.defaultTier();
        out.println("tier: " + shown.label() + " (" + switch (shown) {
            case INTERP -> ReplCommands.INTERP_MEANS;
            case JIT -> ReplCommands.JIT_MEANS;
            case AUTO -> ReplCommands.AUTO_MEANS;
        } + ")");
        for (Loaded l : modules.values()) {
            out.println((l == current ? "* " : "  ") + SafeText.of(l.name) + ": " + jitCompiled(l.module).size() + " of "
                    + definedFunctions(l.module) + " functions run as JVM bytecode");
        }
    }

    void reset() {
        Loaded l = cur();
        l.instance = instantiate(l.module, l.strict);
        out.println("reset " + SafeText.of(l.name));
    }

    void quit() { quit = true; }

    // ---- expressions and calls ----

    /** Evaluates an expression line and prints its results (with the time it took if {@code timed}); they become {@code _}. */
    void evaluate(String text, boolean timed) {
        Expression e = Expression.line(text);
        if (timed && !(e instanceof Expression.Call)) throw new UsageError("time needs a call, such as time update(0.016)");
        List<Value> results;
        if (e instanceof Expression.Call) {
            Expression.Call c = (Expression.Call) e;
            results = call(c.function(), c.arguments(), timed);
        } else {
            results = value(e);
        }
        for (Value v : results) out.println(NumberText.typed(v));
        last = results;
    }

    /** An argument's values: a nested call's results, {@code _}, or one literal. */
    private List<Value> value(Expression e) {
        if (e instanceof Expression.Call) return call(((Expression.Call) e).function(), ((Expression.Call) e).arguments(), false);
        if (e instanceof Expression.Last) {
            if (last == null) throw new UsageError("_ has no value yet: it is the result of the last call");
            return last;
        }
        if (e instanceof Expression.Typed) return List.of(((Expression.Typed) e).value());
        return List.of(Expression.standalone(((Expression.Untyped) e).text()));
    }

    private List<Value> call(String name, List<Expression> arguments, boolean timed) {
        WasmFunction f = current == null ? null : current.instance.function(name);
        if (f == null) {
            List<String> known = new ArrayList<>(functionExports());
            known.addAll(commandNames());
            String suggestion = didYouMean(name, known);
            throw new UsageError("no command or exported function '" + name + "'"
                    + (suggestion.isEmpty() && current == null ? " (no module loaded: load FILE first)" : suggestion));
        }
        Value[] vals = arguments(name, f.type(), arguments);
        Machine m = machine;
        m.clearInterrupt();
        long before = m.instructionsExecuted();
        m.fuel(fuel);
        if (timed) m.countInstructions(true);
        long t0 = System.nanoTime();
        Value[] res;
        try {
            res = bounded(name + " did not return", () -> m.call(f, vals));
        } finally {
            if (timed) m.countInstructions(false);
            m.fuel(-1);
        }
        long ns = System.nanoTime() - t0;
        if (timed) {
            for (Value v : res) out.println(NumberText.typed(v));
            out.printf(Locale.ROOT, "time: %.3f ms, %d wasm instructions%n", ns / 1e6, m.instructionsExecuted() - before);
            last = List.of(res);
            return List.of();
        }
        return List.of(res);
    }

    /**
     * The values for {@code type}'s parameters: untyped words are read by the parameter's type (a v128 as its shape
     * and lanes); nested calls, {@code _} and typed literals give values that must have the parameter's type.
     */
    private Value[] arguments(String function, FunctionType type, List<Expression> arguments) {
        if (arguments.stream().allMatch(a -> a instanceof Expression.Untyped)) {
            return Value.parseArguments(function, type, arguments.stream().map(a -> ((Expression.Untyped) a).text()).toList());
        }
        List<Value> values = new ArrayList<>();
        for (Expression a : arguments) {
            int p = values.size();
            if (p >= type.paramCount()) throw new IllegalArgumentException(function + " takes " + type.paramCount() + " argument(s) " + type + ", got more");
            if (a instanceof Expression.Untyped) {
                String text = ((Expression.Untyped) a).text();
                values.add(type.param(p) == ValueType.V128 ? Value.parseV128(text.split("\\s+")) : Value.parse(type.param(p), text));
                continue;
            }
            for (Value v : value(a)) {
                int q = values.size();
                if (q >= type.paramCount()) throw new IllegalArgumentException(function + " takes " + type.paramCount() + " argument(s) " + type + ", got more");
                if (v.type() != type.param(q)) {
                    throw new IllegalArgumentException("argument " + (q + 1) + " of " + function + " is " + type.param(q) + ", got " + NumberText.typed(v));
                }
                values.add(v);
            }
        }
        if (values.size() != type.paramCount()) throw new IllegalArgumentException(function + " takes " + type.paramCount() + " argument(s) " + type + ", got " + values.size());
        return values.toArray(new Value[0]);
    }

    /** Interrupts the running call (Ctrl-C); called from another thread. */
    public void interrupt() { machine.interrupt("interrupted by Ctrl-C"); }
    // ---- memory ----

    private Memory memory() {
        Memory m = cur().instance.memory();
        if (m == null) throw new UsageError(cur().name + " has no memory");
        return m;
    }

    /** An integer in decimal or 0x hex (signs and _ separators allowed), or null if it is not one. */
    static java.math.BigInteger bigInteger(String s) {
        String t = s.strip().replace("_", "");
        boolean neg = t.startsWith("-");
        String body = neg || t.startsWith("+") ? t.substring(1) : t;
        boolean hex = body.startsWith("0x") || body.startsWith("0X");
        String digits = hex ? body.substring(2) : body;
        if (digits.isEmpty() || digits.length() > 100 || !digits.chars().allMatch(c -> hex ? Character.digit(c, 16) >= 0 && c < 128 : c >= '0' && c <= '9')) return null;
        java.math.BigInteger v = new java.math.BigInteger(digits, hex ? 16 : 10);
        return neg ? v.negate() : v;
    }

    /** An integer within [min, max] (what {@code what} may be), or a usage error naming the range. */
    static long integer(String s, long min, long max, String what) {
        java.math.BigInteger v = bigInteger(s);
        if (v == null) throw new UsageError("'" + s + "' is not a number (decimal or 0x hex)");
        if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new UsageError(what + " must be between " + min + " and " + max + ", got " + s.strip());
        }
        return v.longValue();
    }

    /** A non-negative number for addresses and lengths; anything beyond memory is caught by {@link #range}. */
    static long number(String s) { return integer(s, 0, Long.MAX_VALUE, "an address or length"); }

    /** The integer bits of {@code s} for a {@code mem.write} of {@code bytes} bytes, refusing what does not fit that type. */
    private static long fitting(String type, String s, int bytes) {
        boolean unsigned = type.startsWith("u");
        java.math.BigInteger v = bigInteger(s);
        if (v == null) throw new UsageError("'" + s + "' is not a number (decimal or 0x hex)");
        int bits = bytes * 8;
        java.math.BigInteger min = unsigned ? java.math.BigInteger.ZERO : java.math.BigInteger.ONE.shiftLeft(bits - 1).negate();
        java.math.BigInteger max = (unsigned ? java.math.BigInteger.ONE.shiftLeft(bits) : java.math.BigInteger.ONE.shiftLeft(bits - 1)).subtract(java.math.BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) throw new UsageError(s.strip() + " does not fit in " + type + " (" + min + " to " + max + ")");
        return v.longValue();
    }

    /** A float for {@code mem.write}, refusing a finite number too large for the type (it would become infinity). */
    private static Value finite(ReplCommands.MemType type, String s) {
        Value v = Value.parse(type == ReplCommands.MemType.f32 ? ValueType.F32 : ValueType.F64, s);
        double d = type == ReplCommands.MemType.f32 ? v.f32() : v.f64();
        if (Double.isInfinite(d) && !s.strip().replace("+", "").replace("-", "").equals("inf")) {
            throw new UsageError(s.strip() + " does not fit in " + type + " (it rounds to infinity; write inf for that)");
        }
        return v;
    }

    private void range(Memory m, long addr, long len) {
        if (addr < 0 || len < 0 || addr > m.byteSize() || len > m.byteSize() - addr) {
            throw new UsageError(String.format(Locale.ROOT, "range 0x%x+%d is outside memory (%d bytes)", addr, len, m.byteSize()));
        }
    }

    /** A copy of {@code len} bytes at {@code addr} (checked by {@link #range} first). */
    private static byte[] bytes(Memory m, long addr, int len) {
        byte[] copy = new byte[len];
        m.read(addr, copy, 0, len);
        return copy;
    }

    void mem(String address, String length) {
        Memory m = memory();
        long addr = number(address);
        long len = Math.min(number(length), Math.max(0, m.byteSize() - addr));
        range(m, addr, len);
        out.print(hexdump(bytes(m, addr, (int) len), addr));
    }

    /** {@code hexdump -C} layout: offset, 16 bytes in two groups of 8, the ASCII column, and the end offset. */
    static String hexdump(byte[] data, long base) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length; i += 16) {
            sb.append(String.format("%08x ", base + i));
            for (int j = 0; j < 16; j++) {
                if (j == 8) sb.append(' ');
                if (i + j < data.length) sb.append(String.format(" %02x", data[i + j] & 0xFF));
                else sb.append("   ");
            }
            sb.append("  |");
            for (int j = 0; j < 16 && i + j < data.length; j++) {
                int c = data[i + j] & 0xFF;
                sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            sb.append("|\n");
        }
        sb.append(String.format("%08x%n", base + data.length));
        return sb.toString();
    }

    void memRead(ReplCommands.MemType type, String address, String length) {
        Memory m = memory();
        long addr = number(address);
        if (type != ReplCommands.MemType.str && length != null) throw new UsageError("only mem.read str takes a length");
        switch (type) {
            case i8: range(m, addr, 1); out.println("i8: " + m.readByte(addr)); break;
            case u8: range(m, addr, 1); out.println("u8: " + (m.readByte(addr) & 0xFF)); break;
            case i16: range(m, addr, 2); out.println("i16: " + m.readShort(addr)); break;
            case u16: range(m, addr, 2); out.println("u16: " + (m.readShort(addr) & 0xFFFF)); break;
            case i32: range(m, addr, 4); out.println("i32: " + m.readInt(addr)); break;
            case u32: range(m, addr, 4); out.println("u32: " + Integer.toUnsignedString(m.readInt(addr))); break;
            case i64: range(m, addr, 8); out.println("i64: " + m.readLong(addr)); break;
            case u64: range(m, addr, 8); out.println("u64: " + Long.toUnsignedString(m.readLong(addr))); break;
            case f32: range(m, addr, 4); out.println(NumberText.typed(Value.f32Bits(m.readInt(addr)))); break;
            case f64: range(m, addr, 8); out.println(NumberText.typed(Value.f64Bits(m.readLong(addr)))); break;
            case str: {
                if (length == null) throw new UsageError("usage: mem.read str ADDR LEN");
                long len = number(length);
                range(m, addr, len);
                out.println("str: " + quote(m.readString(addr, (int) len)));
                break;
            }
            case cstr: range(m, addr, 1); out.println("cstr: " + quote(m.readCString(addr, 4096))); break;
            default: throw new AssertionError(type);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    void memWrite(ReplCommands.MemType type, String address, String v) {
        Memory m = memory();
        long addr = number(address);
        String name = type.name();
        switch (type) {
            case i8: case u8: range(m, addr, 1); m.writeByte(addr, (byte) fitting(name, v, 1)); break;
            case i16: case u16: range(m, addr, 2); m.writeShort(addr, (short) fitting(name, v, 2)); break;
            case i32: case u32: range(m, addr, 4); m.writeInt(addr, (int) fitting(name, v, 4)); break;
            case i64: case u64: range(m, addr, 8); m.writeLong(addr, fitting(name, v, 8)); break;
            case f32: range(m, addr, 4); m.writeInt(addr, (int) finite(type, v).bits()); break;
            case f64: range(m, addr, 8); m.writeLong(addr, finite(type, v).bits()); break;
            case str: {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                range(m, addr, b.length);
                m.write(addr, b, 0, b.length);
                break;
            }
            case cstr: throw new UsageError("mem.write writes str (the bytes of \"text\"); add the zero byte with mem.write u8");
            default: throw new AssertionError(type);
        }
        out.println("ok");
    }

    /** Finds bytes: {@code "text"} (told from hex by its quotes on the line as typed) or hex pairs. */
    void memFind() {
        String rest = rawArguments;
        byte[] needle;
        List<String> w = words(rest);
        if (rest.startsWith("\"")) {
            needle = w.get(0).getBytes(StandardCharsets.UTF_8);
            if (needle.length == 0) throw new UsageError("mem.find needs at least one byte: \"\" matches everywhere");
        } else {
            String hex = rest.replaceAll("[\\s,]", "").replace("0x", "");
            if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) throw new UsageError("bytes must be hex pairs like 48 65 6c, or \"text\"");
            needle = new byte[hex.length() / 2];
            for (int i = 0; i < needle.length; i++) needle[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        Memory m = memory();
        // Searched a window at a time (consecutive windows overlap by the needle's length less one), never a copy of it all.
        byte[] window = new byte[Math.min(m.byteSize(), (1 << 20) + needle.length - 1)];
        int found = 0;
        for (long start = 0; start + needle.length <= m.byteSize(); start += window.length - needle.length + 1) {
            int n = (int) Math.min(window.length, m.byteSize() - start);
            m.read(start, window, 0, n);
            outer:
            for (int i = 0; i + needle.length <= n; i++) {
                for (int j = 0; j < needle.length; j++) if (window[i + j] != needle[j]) continue outer;
                if (found++ < 32) out.printf("0x%08x%n", start + i);
            }
        }
        if (found > 32) out.println("... " + (found - 32) + " more");
        if (found == 0) out.println("not found");
    }

    void memSave(Path file, String address, String length) throws IOException {
        Memory m = memory();
        long addr = address != null ? number(address) : 0;
        long len = length != null ? number(length) : m.byteSize() - addr;
        range(m, addr, len);
        Files.write(file, bytes(m, addr, (int) len));
        out.println("saved " + len + " bytes to " + file);
    }

    // ---- globals ----

    void globals() {
        boolean any = false;
        for (Map.Entry<String, Extern> e : cur().instance.exports().entrySet()) {
            if (e.getValue() instanceof GlobalVar) {
                GlobalVar g = (GlobalVar) e.getValue();
                out.println(SafeText.of(e.getKey()) + ": " + (g.isMutable() ? "mut " : "") + NumberText.typed(g.get()));
                any = true;
            }
        }
        if (!any) out.println("no exported globals");
    }

    void global(String name, String value) {
        GlobalVar g = cur().instance.global(name);
        if (g == null) throw new UsageError("no exported global '" + name + "'" + didYouMean(name, globalExports()));
        if (value != null) {
            if (!g.isMutable()) throw new UsageError("global " + name + " is immutable");
            g.set(Value.parse(g.valueType(), value));
        }
        out.println(NumberText.typed(g.get()));
    }

    // ---- code ----

    /** One function as text, or the whole module when {@code which} is null. */
    void dis(String which) {
        WatPrinter printer = new WatPrinter(cur().module.module());
        out.print(which == null ? printer.module() : printer.function(function(which)));
    }

    void ir(String which) {
        int f = function(which);
        String code = cur().module.disassemble(f);
        out.print(code == null ? "func[" + f + "] is imported: it has no code here\n" : code);
    }

    private int function(String which) {
        int f = cur().module.findFunction(which);
        if (f < 0) throw new UsageError("no function '" + which + "' (a name, an export or an index)" + didYouMean(which, functionNames()));
        return f;
    }

    void trace(boolean on) {
        trace = on;
        out.println("trace " + (trace ? "on" : "off"));
    }

    void fuel(String n) {
        fuel = n.equals("off") ? -1 : integer(n, 0, Long.MAX_VALUE, "fuel");
        out.println(fuel < 0 ? "fuel off" : "fuel " + fuel + " instructions per call");
    }

    // ---- play ----

    void play() throws IOException {
        Loaded l = cur();
        if (!interactive || !TerminalPlay.available()) throw new UsageError("play needs an interactive terminal");
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = l.name;
        beforePlay.run();
        RuntimeException crash;
        try {
            // the game's instance replaces the module's own, so what it left in memory and globals can be inspected
            crash = TerminalPlay.play(l.module, o, null, played -> {
                if (played != null) l.instance = played;
            });
        } finally {
            afterPlay.run();
        }
        if (crash != null) {
            err.println(crash instanceof Trap ? ((Trap) crash).describe() : "error: " + SafeText.line(crash.getMessage()));
        }
        out.println("back from " + SafeText.of(l.name) + ": its instance is the current one (reset starts afresh)");
    }

    // ---- help, completion, suggestions ----

    /** The commands, one line each within {@link #HELP_WIDTH} columns; or one command's usage from its declaration. */
    void help(String command) {
        if (command == null) {
            for (CommandLine c : distinctCommands()) {
                String[] aliases = c.getCommandSpec().aliases();
                String head = String.format("  %-10s %-4s ", c.getCommandName(), aliases.length > 0 ? aliases[0] : "");
                out.println(fit(head + c.getCommandSpec().usageMessage().description()[0], HELP_WIDTH));
            }
            out.println("  EXPORT(ARGS...) or EXPORT ARGS calls an export; _ is the last result;");
            out.println("  (func ...) defines code in the scratch module. help COMMAND: its arguments.");
            return;
        }
        CommandLine c = commands.getSubcommands().get(command);
        if (c == null) throw new UsageError("unknown command '" + command + "'" + didYouMean(command, commandNames()));
        // the usage of a subcommand of an unnamed command starts "Usage:  NAME"; one space is enough
        out.print(c.getUsageMessage().replace("Usage:  ", "Usage: "));
    }

    /** {@code s} cut to {@code width} columns, ending in an ellipsis when cut. */
    private static String fit(String s, int width) { return s.length() <= width ? s : s.substring(0, width - 3) + "..."; }

    private List<CommandLine> distinctCommands() {
        List<CommandLine> r = new ArrayList<>();
        for (CommandLine c : commands.getSubcommands().values()) if (!r.contains(c)) r.add(c);
        return r;
    }

    /** Command names and aliases. */
    List<String> commandNames() { return new ArrayList<>(commands.getSubcommands().keySet()); }

    /** Whether the command named {@code word} takes a file (completion offers paths for it). */
    boolean takesPath(String word) {
        CommandLine c = commands.getSubcommands().get(word);
        return c != null && c.getCommandSpec().positionalParameters().stream().anyMatch(p -> p.type() == Path.class);
    }

    /**
     * Tab completion: picocli's completer over the commands' declarations (names, options, enum values and the
     * candidates they name), plus calls of exports as the first word and paths for arguments that are files.
     */
    public Completer completer() {
        Completer declared = new PicocliJLineCompleter(commands.getCommandSpec());
        return (reader, line, candidates) -> {
            List<Candidate> found = new ArrayList<>();
            declared.complete(reader, line, found);
            if (line.wordIndex() == 0) {
                found.removeIf(c -> !commands.getSubcommands().get(c.value()).getCommandName().equals(c.value())); // names, not every alias
                for (String e : functionExports()) found.add(new Candidate(e + "(", e + "(", null, null, null, null, false));
            } else if (takesPath(line.words().get(0))) {
                for (String p : paths(line.word().substring(0, line.wordCursor()))) found.add(new Candidate(p, p, null, null, null, null, !p.endsWith("/")));
            }
            candidates.addAll(found);
        };
    }

    /** The completions of the last word of {@code buffer}, sorted: what Tab offers at the end of that line. */
    public List<String> complete(String buffer) {
        ParsedLine line = new DefaultParser().parse(buffer, buffer.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer().complete(null, line, candidates);
        String word = line.word().substring(0, line.wordCursor());
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(word)).distinct().sorted().toList();
    }

    List<String> moduleNames() { return new ArrayList<>(modules.keySet()); }

    public List<String> functionExports() {
        List<String> r = new ArrayList<>();
        if (current == null) return r;
        for (Map.Entry<String, Extern> e : current.instance.exports().entrySet()) if (e.getValue() instanceof WasmFunction) r.add(e.getKey());
        return r;
    }

    List<String> globalExports() {
        List<String> r = new ArrayList<>();
        if (current == null) return r;
        for (Map.Entry<String, Extern> e : current.instance.exports().entrySet()) if (e.getValue() instanceof GlobalVar) r.add(e.getKey());
        return r;
    }

    /** Function exports and names from the name section. */
    List<String> functionNames() {
        List<String> r = functionExports();
        if (current == null) return r;
        for (int i = 0; i < current.module.module().functionTypes().size(); i++) {
            String n = current.module.module().functionName(i);
            if (n != null && !r.contains(n)) r.add(n);
        }
        return r;
    }

    /** {@code " (did you mean X?)"} for the closest of {@code known} within a few typos, or "". */
    static String didYouMean(String typed, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(1, Math.min(3, typed.length() / 3));
        for (String k : known) {
            int d = editDistance(typed, k);
            if (d <= bestDistance && (best == null || d < editDistance(typed, best))) best = k;
        }
        return best == null ? "" : " (did you mean " + SafeText.of(best) + "?)";
    }

    /** Edits between two words: insertions, deletions, substitutions and swaps of neighbours (hepl, help). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }


    private static List<String> paths(String prefix) {
        List<String> r = new ArrayList<>();
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : prefix.substring(0, slash));
        String head = slash < 0 ? "" : prefix.substring(0, slash + 1);
        if (!Files.isDirectory(dir)) return r;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && !prefix.substring(slash + 1).startsWith(".")) continue;
                r.add(head + n + (Files.isDirectory(p) ? "/" : ""));
            }
        } catch (IOException e) {
            return r;
        }
        return r;
    }
}

