package dev.termcade.repl;

import dev.termcade.console.Cartridge;
import dev.termcade.console.wasm4.Wasm4Disk;
import dev.termcade.console.wasm4.Wasm4Runtime;
import dev.termcade.console.wasm4.Wasm4Sound;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.TerminalPlay;
import dev.termcade.vm.CompiledFunction;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.GlobalVar;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LoggingStub;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Memory;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Table;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Value;
import dev.termcade.vm.Watchdog;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.ModuleSummary;
import dev.termcade.wasm.SafeText;
import dev.termcade.wasm.ValType;
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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workbench: load modules, call exports, read and write memory and globals, read code. Each command is one
 * line; {@link #execute} runs it and reports whether it succeeded, so the same object serves the interactive
 * prompt (see {@link ReplTerminal}) and piped scripts.
 */
public final class Repl {
    /** A command: its name, alias, argument synopsis and help. */
    record Command(String name, String alias, String args, String help) {}

    static final List<Command> COMMANDS = List.of(
            new Command("load", "l", "[--strict] FILE [as NAME]", "load and instantiate a module; unresolved imports become logging stubs unless --strict"),
            new Command("modules", "ms", "", "list loaded modules (* marks the current one)"),
            new Command("use", "u", "NAME", "make a loaded module the current one"),
            new Command("info", "i", "", "summary of the current module: sections, imports, exports, memory, tables, globals"),
            new Command("exports", "x", "", "the current module's exports with their types"),
            new Command("call", "c", "EXPORT ARGS...", "call an export (also: EXPORT(ARGS...)); arguments follow its parameter types"),
            new Command("time", "t", "CALL", "run a call and report its wall time and wasm instructions executed"),
            new Command("mem", "m", "ADDR [LEN]", "hexdump of memory (hexdump -C layout); decimal or 0x hex"),
            new Command("mem.read", "mr", "TYPE ADDR | str ADDR LEN | cstr ADDR", "read a value: i8 u8 i16 u16 i32 u32 i64 u64 f32 f64"),
            new Command("mem.write", "mw", "TYPE ADDR VALUE", "write a value (TYPE as for mem.read, or str with \"text\")"),
            new Command("mem.find", "mf", "BYTES | \"text\"", "find bytes (hex, e.g. 48 65 6c) or text in memory"),
            new Command("mem.save", "ms!", "FILE [ADDR LEN]", "save memory (or a range of it) to a file"),
            new Command("globals", "gs", "", "list exported globals and their values"),
            new Command("global", "g", "NAME [VALUE]", "show or set an exported global"),
            new Command("dis", "d", "FUNC", "a function as wasm text (name, export or index)"),
            new Command("ir", "r", "FUNC", "a function as Termcade's register code"),
            new Command("trace", "tr", "on|off", "print every host import call made during calls"),
            new Command("fuel", "f", "N|off", "stop each call with a trap after N wasm instructions"),
            new Command("play", "p", "", "play the current module as a cartridge in the console; q returns here"),
            new Command("reset", "rs", "", "re-instantiate the current module (fresh memory and globals)"),
            new Command("help", "h", "[COMMAND]", "list commands, or explain one"),
            new Command("quit", "q", "", "leave the REPL"));

    private static final Pattern SHORTHAND = Pattern.compile("^([A-Za-z_$][\\w$.\\-]*)\\s*\\((.*)\\)\\s*$");

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
    private boolean quit;
    private boolean anyFailed;
    private final boolean interactive;
    private ResourceLimits limits = ResourceLimits.CARTRIDGE;
    private long timeoutMs;
    private Watchdog.Timer timer;

    public Repl(PrintWriter out, PrintWriter err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
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

    /** Runs wasm on this thread's machine under the timeout, if one was set. */
    private <T> T bounded(String what, java.util.function.Supplier<T> call) {
        if (timeoutMs == 0) return call.get();
        if (timer == null) timer = Watchdog.forCurrentThread("interrupted: ");
        return timer.within(what, timeoutMs, call);
    }

    public boolean quitRequested() { return quit; }
    public boolean anyFailed() { return anyFailed; }

    /** Runs one line; returns false (and prints one error line) if it failed. */
    public boolean execute(String line) {
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

    private static String canonical(String word) {
        for (Command c : COMMANDS) if (c.name.equals(word) || c.alias.equals(word)) return c.name;
        if (word.equals("exit") || word.equals(":q")) return "quit";
        if (word.equals("?")) return "help";
        return null;
    }

    private void dispatch(String s) throws IOException {
        if (s.startsWith("(")) {
            define(s);
            return;
        }
        Matcher sh = SHORTHAND.matcher(s);
        String[] parts = s.split("\\s+", 2);
        String cmd = canonical(parts[0]);
        if (cmd == null && sh.matches()) {
            call(sh.group(1), splitArgs(sh.group(2)), false);
            return;
        }
        if (cmd == null) throw new UsageError("unknown command '" + parts[0] + "' (try help)");
        String rest = parts.length > 1 ? parts[1].strip() : "";
        List<String> a = words(rest);
        switch (cmd) {
            case "load": load(a); break;
            case "modules": listModules(); break;
            case "use": {
                need(a, 1, "use NAME");
                Loaded l = modules.get(a.get(0));
                if (l == null) throw new UsageError("no module named '" + a.get(0) + "' (loaded: " + String.join(", ", modules.keySet()) + ")");
                current = l;
                out.println("using " + SafeText.of(l.name));
                break;
            }
            case "info": out.print(ModuleSummary.render(cur().module.module(), cur().path.toString(), cur().module.module().bytes().length)); break;
            case "exports": exports(); break;
            case "call": {
                if (a.isEmpty()) throw new UsageError("call EXPORT ARGS...");
                Matcher m = SHORTHAND.matcher(rest);
                if (m.matches()) call(m.group(1), splitArgs(m.group(2)), false);
                else call(a.get(0), a.subList(1, a.size()), false);
                break;
            }
            case "time": {
                Matcher m = SHORTHAND.matcher(rest);
                if (m.matches()) call(m.group(1), splitArgs(m.group(2)), true);
                else if (!a.isEmpty()) call(a.get(0), a.subList(1, a.size()), true);
                else throw new UsageError("time EXPORT(ARGS...)");
                break;
            }
            case "mem": mem(a); break;
            case "mem.read": memRead(a); break;
            case "mem.write": memWrite(rest, a); break;
            case "mem.find": memFind(rest); break;
            case "mem.save": memSave(a); break;
            case "globals": globals(); break;
            case "global": global(a); break;
            case "dis": {
                need(a, 1, "dis FUNC");
                out.print(new WatPrinter(cur().module.module()).function(function(a.get(0))));
                break;
            }
            case "ir": {
                need(a, 1, "ir FUNC");
                int f = function(a.get(0));
                CompiledFunction c = cur().module.function(f);
                out.print(c == null ? "func[" + f + "] is imported: it has no code here\n" : c.disassemble());
                break;
            }
            case "trace": {
                need(a, 1, "trace on|off");
                if (!a.get(0).equals("on") && !a.get(0).equals("off")) throw new UsageError("trace on|off");
                trace = a.get(0).equals("on");
                out.println("trace " + (trace ? "on" : "off"));
                break;
            }
            case "fuel": {
                need(a, 1, "fuel N|off");
                long n = a.get(0).equals("off") ? -1 : integer(a.get(0), 0, Long.MAX_VALUE, "fuel");
                fuel = n;
                out.println(n < 0 ? "fuel off" : "fuel " + n + " instructions per call");
                break;
            }
            case "play": play(); break;
            case "reset": {
                Loaded l = cur();
                l.instance = instantiate(l.module, l.strict);
                out.println("reset " + SafeText.of(l.name));
                break;
            }
            case "help": help(a); break;
            case "quit": quit = true; break;
            default: throw new AssertionError(cmd);
        }
    }

    private static void need(List<String> a, int n, String usage) {
        if (a.size() < n) throw new UsageError("usage: " + usage);
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

    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) if (!p.isBlank()) out.add(p.strip());
        return out;
    }

    private Loaded cur() {
        if (current == null) throw new UsageError("no module loaded (load FILE first)");
        return current;
    }

    // ---- loading ----

    private void load(List<String> a) {
        boolean strict = false;
        List<String> rest = new ArrayList<>(a);
        if (!rest.isEmpty() && rest.get(0).equals("--strict")) {
            strict = true;
            rest.remove(0);
        }
        if (rest.isEmpty()) throw new UsageError("usage: load [--strict] FILE [as NAME]");
        Path path = Path.of(rest.get(0));
        String name;
        if (rest.size() == 3 && rest.get(1).equals("as")) name = rest.get(2);
        else if (rest.size() == 1) name = CompiledModule.moduleName(path);
        else throw new UsageError("usage: load [--strict] FILE [as NAME]");
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
        String exports = cm.module().exports().stream().map(e -> e.name()).collect(java.util.stream.Collectors.joining(", "));
        out.println("scratch: " + scratch.size() + " definition" + (scratch.size() == 1 ? "" : "s") + (exports.isEmpty() ? "" : ", exports " + exports));
    }

    private Instance instantiate(CompiledModule cm, boolean strict) {
        Imports imports = new Imports();
        for (Loaded l : modules.values()) imports.instance(l.name, l.instance);
        if (isWasm4(cm)) {
            // A WASM-4 cart gets WASM-4's console: drawing lands in its memory (mem 0xa0), trace prints here.
            new Wasm4Runtime(Wasm4Disk.inMemory(), out::println, Wasm4Sound.SILENT).bind(imports);
            out.println("note: a WASM-4 cart: env.* is the WASM-4 console (framebuffer at 0xa0); call start() and update(), or play");
        }
        imports.fallback(imp -> provide(imp, cm, strict));
        return bounded("the start section did not return", () -> cm.instantiate(imports, limits));
    }

    private static boolean isWasm4(CompiledModule cm) {
        try {
            return Cartridge.Abi.detect(cm.module()) == Cartridge.Abi.WASM4;
        } catch (dev.termcade.console.CartridgeException e) {
            return false; // mixes ABIs: plain stubs then
        }
    }

    /** Imports no loaded module provides: the console's maths, else stubs that log (unless strict). */
    private Object provide(Import imp, CompiledModule cm, boolean strict) {
        if (imp.kind() == ExternKind.FUNC) {
            FuncType t = cm.module().types().get(imp.typeIndex());
            FuncType unary = FuncType.of(ValType.F64).returning(ValType.F64);
            java.util.function.DoubleUnaryOperator op = imp.module().equals("env") && t.equals(unary) ? Cartridge.rocketMath(imp.name()) : null;
            if (op != null) {
                return new WasmFunction(t, imp.qualifiedName(), f -> {
                    double x = f.f64(0);
                    double y = op.applyAsDouble(x);
                    if (trace) out.println("  " + imp.qualifiedName() + "(" + Value.f64(x).text() + ") -> " + Value.f64(y).text());
                    f.f64(0, y);
                });
            }
            return strict ? null : LoggingStub.of(imp.qualifiedName(), t, out::println);
        }
        if (strict) return null;
        switch (imp.kind()) {
            case MEMORY:
                out.println("note: " + imp.qualifiedName() + " is a fresh memory of " + imp.memory().min() + " pages");
                return new Memory((int) imp.memory().min(), imp.memory().max());
            case TABLE:
                out.println("note: " + imp.qualifiedName() + " is a fresh table of " + imp.table().limits().min() + " elements");
                return new Table(imp.table().elemType(), (int) imp.table().limits().min(), imp.table().limits().max());
            default:
                out.println("note: " + imp.qualifiedName() + " is a fresh global set to zero");
                return new GlobalVar(imp.global(), Value.zero(imp.global().valType()));
        }
    }

    private void listModules() {
        if (modules.isEmpty()) out.println("no modules loaded");
        for (Loaded l : modules.values()) out.println((l == current ? "* " : "  ") + SafeText.of(l.name) + "  " + SafeText.of(l.path.toString()));
    }

    private void exports() {
        for (Map.Entry<String, Object> e : cur().instance.exports().entrySet()) {
            Object v = e.getValue();
            String what;
            if (v instanceof WasmFunction) what = "func " + ((WasmFunction) v).type();
            else if (v instanceof Memory) what = "memory " + ((Memory) v).pages() + " pages";
            else if (v instanceof Table) what = v.toString();
            else what = "global " + ((GlobalVar) v).type() + " = " + ((GlobalVar) v).get().text();
            out.println(SafeText.of(e.getKey()) + ": " + what);
        }
    }

    // ---- calls ----

    private void call(String name, List<String> args, boolean timed) {
        Instance inst = cur().instance;
        WasmFunction f = inst.function(name);
        if (f == null) throw new UsageError("no exported function '" + name + "'");
        FuncType t = f.type();
        Value[] vals = Value.parseArguments(name, t, args);
        Machine m = Machine.current();
        m.clearInterrupt();
        long before = m.instructionsExecuted();
        m.fuel(fuel);
        if (timed) m.countInstructions(true);
        long t0 = System.nanoTime();
        Value[] res;
        try {
            res = bounded(name + " did not return", () -> Instance.invoke(f, vals));
        } finally {
            if (timed) m.countInstructions(false);
            m.fuel(-1);
        }
        long ns = System.nanoTime() - t0;
        for (Value v : res) out.println(v);
        if (timed) out.printf(Locale.ROOT, "time: %.3f ms, %d wasm instructions%n", ns / 1e6, m.instructionsExecuted() - before);
    }

    /** Interrupts the running call (Ctrl-C); called from another thread. */
    public void interrupt(Machine machine) { machine.interrupt("interrupted by Ctrl-C"); }

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

    private void range(Memory m, long addr, long len) {
        if (addr < 0 || len < 0 || addr > m.byteSize() || len > m.byteSize() - addr) {
            throw new UsageError(String.format(Locale.ROOT, "range 0x%x+%d is outside memory (%d bytes)", addr, len, m.byteSize()));
        }
    }

    private void mem(List<String> a) {
        need(a, 1, "mem ADDR [LEN]");
        Memory m = memory();
        long addr = number(a.get(0));
        long len = a.size() > 1 ? number(a.get(1)) : 256;
        len = Math.min(len, Math.max(0, m.byteSize() - addr));
        range(m, addr, len);
        out.print(hexdump(m.read(addr, (int) len), addr));
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

    private void memRead(List<String> a) {
        need(a, 2, "mem.read TYPE ADDR");
        Memory m = memory();
        String type = a.get(0);
        long addr = number(a.get(1));
        switch (type) {
            case "i8": range(m, addr, 1); out.println("i8: " + m.readByte(addr)); break;
            case "u8": range(m, addr, 1); out.println("u8: " + (m.readByte(addr) & 0xFF)); break;
            case "i16": range(m, addr, 2); out.println("i16: " + m.readShort(addr)); break;
            case "u16": range(m, addr, 2); out.println("u16: " + (m.readShort(addr) & 0xFFFF)); break;
            case "i32": range(m, addr, 4); out.println("i32: " + m.readInt(addr)); break;
            case "u32": range(m, addr, 4); out.println("u32: " + Integer.toUnsignedString(m.readInt(addr))); break;
            case "i64": range(m, addr, 8); out.println("i64: " + m.readLong(addr)); break;
            case "u64": range(m, addr, 8); out.println("u64: " + Long.toUnsignedString(m.readLong(addr))); break;
            case "f32": range(m, addr, 4); out.println(Value.f32Bits(m.readInt(addr))); break;
            case "f64": range(m, addr, 8); out.println(Value.f64Bits(m.readLong(addr))); break;
            case "str": {
                need(a, 3, "mem.read str ADDR LEN");
                long len = number(a.get(2));
                range(m, addr, len);
                out.println("str: " + quote(m.readString(addr, (int) len)));
                break;
            }
            case "cstr": range(m, addr, 1); out.println("cstr: " + quote(m.readCString(addr, 4096))); break;
            default: throw new UsageError("unknown type '" + type + "' (i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 str cstr)");
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void memWrite(String rest, List<String> a) {
        need(a, 3, "mem.write TYPE ADDR VALUE");
        Memory m = memory();
        String type = a.get(0);
        long addr = number(a.get(1));
        String v = a.get(2);
        switch (type) {
            case "i8": case "u8": range(m, addr, 1); m.writeByte(addr, (byte) fitting(type, v, 1)); break;
            case "i16": case "u16": range(m, addr, 2); m.writeShort(addr, (short) fitting(type, v, 2)); break;
            case "i32": case "u32": range(m, addr, 4); m.writeInt(addr, (int) fitting(type, v, 4)); break;
            case "i64": case "u64": range(m, addr, 8); m.writeLong(addr, fitting(type, v, 8)); break;
            case "f32": range(m, addr, 4); m.writeInt(addr, (int) Value.parse(ValType.F32, v).bits()); break;
            case "f64": range(m, addr, 8); m.writeLong(addr, Value.parse(ValType.F64, v).bits()); break;
            case "str": {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                range(m, addr, b.length);
                m.write(addr, b);
                break;
            }
            default: throw new UsageError("unknown type '" + type + "' (i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 str)");
        }
        out.println("ok");
    }

    private void memFind(String rest) {
        if (rest.isEmpty()) throw new UsageError("usage: mem.find BYTES | \"text\"");
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
        byte[] mem = memory().array();
        int found = 0;
        outer:
        for (int i = 0; i + needle.length <= mem.length; i++) {
            for (int j = 0; j < needle.length; j++) if (mem[i + j] != needle[j]) continue outer;
            if (found++ < 32) out.printf("0x%08x%n", i);
        }
        if (found > 32) out.println("... " + (found - 32) + " more");
        if (found == 0) out.println("not found");
    }

    private void memSave(List<String> a) throws IOException {
        need(a, 1, "mem.save FILE [ADDR LEN]");
        Memory m = memory();
        long addr = a.size() > 1 ? number(a.get(1)) : 0;
        long len = a.size() > 2 ? number(a.get(2)) : m.byteSize() - addr;
        range(m, addr, len);
        Files.write(Path.of(a.get(0)), m.read(addr, (int) len));
        out.println("saved " + len + " bytes to " + a.get(0));
    }

    // ---- globals ----

    private void globals() {
        boolean any = false;
        for (Map.Entry<String, Object> e : cur().instance.exports().entrySet()) {
            if (e.getValue() instanceof GlobalVar) {
                GlobalVar g = (GlobalVar) e.getValue();
                out.println(SafeText.of(e.getKey()) + ": " + (g.type().mutable() ? "mut " : "") + g.get());
                any = true;
            }
        }
        if (!any) out.println("no exported globals");
    }

    private void global(List<String> a) {
        need(a, 1, "global NAME [VALUE]");
        GlobalVar g = cur().instance.global(a.get(0));
        if (g == null) throw new UsageError("no exported global '" + a.get(0) + "'");
        if (a.size() > 1) {
            if (!g.type().mutable()) throw new UsageError("global " + a.get(0) + " is immutable");
            g.set(Value.parse(g.type().valType(), a.get(1)));
        }
        out.println(g.get());
    }

    private int function(String which) {
        int f = cur().module.findFunction(which);
        if (f < 0) throw new UsageError("no function '" + which + "' (a name, an export or an index)");
        return f;
    }

    // ---- play ----

    private void play() throws IOException {
        Loaded l = cur();
        if (!interactive || !TerminalPlay.available()) throw new UsageError("play needs an interactive terminal");
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = l.name;
        RuntimeException crash = TerminalPlay.play(l.module, o);
        if (crash != null) {
            err.println(crash instanceof Trap ? ((Trap) crash).describe() : "error: " + SafeText.line(crash.getMessage()));
        }
    }

    // ---- help and completion ----

    private void help(List<String> a) {
        if (a.isEmpty()) {
            for (Command c : COMMANDS) out.printf("  %-10s %-4s %-34s %s%n", c.name, c.alias, c.args, c.help);
            out.println("  EXPORT(ARGS...) calls an export; Tab completes; Ctrl-C interrupts a running call.");
            return;
        }
        String n = canonical(a.get(0));
        if (n == null) throw new UsageError("unknown command '" + a.get(0) + "'");
        for (Command c : COMMANDS) if (c.name.equals(n)) out.println(c.name + " " + c.args + "  (alias " + c.alias + ")\n  " + c.help);
    }

    /** Completion candidates for the last word of {@code buffer}. */
    public List<String> complete(String buffer) {
        List<String> words = new ArrayList<>(List.of(buffer.split("\\s+", -1)));
        if (words.isEmpty()) words.add("");
        String last = words.get(words.size() - 1);
        TreeSet<String> c = new TreeSet<>();
        if (words.size() == 1) {
            for (Command cmd : COMMANDS) c.add(cmd.name);
            if (current != null) for (String e : functionExports()) c.add(e + "(");
        } else {
            String cmd = canonical(words.get(0));
            int argIndex = words.size() - 2;
            if (cmd == null) return List.of();
            switch (cmd) {
                case "load": c.addAll(paths(last)); c.add("--strict"); break;
                case "use": c.addAll(modules.keySet()); break;
                case "call": case "time": if (argIndex == 0) c.addAll(functionExports()); break;
                case "dis": case "ir":
                    if (argIndex == 0 && current != null) {
                        c.addAll(functionExports());
                        for (int i = 0; i < current.module.module().functionTypes().size(); i++) {
                            String n = current.module.module().functionName(i);
                            if (n != null) c.add(n);
                        }
                    }
                    break;
                case "global": if (argIndex == 0) c.addAll(globalExports()); break;
                case "mem.read": if (argIndex == 0) c.addAll(List.of("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "str", "cstr")); break;
                case "mem.write": if (argIndex == 0) c.addAll(List.of("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "str")); break;
                case "mem.save": if (argIndex == 0) c.addAll(paths(last)); break;
                case "trace": c.addAll(List.of("on", "off")); break;
                case "fuel": c.add("off"); break;
                case "help": for (Command cmd2 : COMMANDS) c.add(cmd2.name); break;
                default: break;
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : c) if (s.startsWith(last)) out.add(s);
        return out;
    }

    private List<String> functionExports() {
        List<String> r = new ArrayList<>();
        if (current == null) return r;
        for (Map.Entry<String, Object> e : current.instance.exports().entrySet()) if (e.getValue() instanceof WasmFunction) r.add(e.getKey());
        return r;
    }

    private List<String> globalExports() {
        List<String> r = new ArrayList<>();
        if (current == null) return r;
        for (Map.Entry<String, Object> e : current.instance.exports().entrySet()) if (e.getValue() instanceof GlobalVar) r.add(e.getKey());
        return r;
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
