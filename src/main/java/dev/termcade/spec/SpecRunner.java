package dev.termcade.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.GlobalVar;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LinkException;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Memory;
import dev.termcade.vm.Table;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.BoundedFiles;
import dev.termcade.wasm.SafeText;
import dev.termcade.wasm.WasmException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the official spec tests in wast2json's format: one JSON command list per script, modules beside it.
 * Text-format modules ({@code .wat}, from {@code module quote}) are read by the text parser.
 */
public final class SpecRunner {
    /** The outcome of one script. */
    public record Result(String file, int passed, int failed, int skipped, List<String> failures) {
        public String line() {
            return file + ": " + passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    /** A host reference as the spec scripts write it: {@code ref.extern N}. */
    record ExternRef(long n) {
        @Override public String toString() { return "ref.extern " + n; }
    }

    private final Path json;
    private final Path dir;
    private final Map<String, Instance> named = new HashMap<>();
    private final Imports registry = new Imports();
    private final Machine machine = new Machine();
    private Instance current;
    private int passed, failed;
    private final List<String> failures = new ArrayList<>();

    private SpecRunner(Path json) {
        this.json = json;
        this.dir = json.getParent();
        addSpectest(registry);
    }

    /** Every {@code *.json} under {@code root}, sorted. */
    public static List<Path> scripts(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    /** Runs one script; a script that cannot be read or followed (corrupted JSON) is one failure with the reason. */
    public static Result run(Path script) {
        String name = script.getFileName().toString().replace(".json", "");
        try {
            return runScript(script, name);
        } catch (RuntimeException | StackOverflowError e) {
            String why = e instanceof StackOverflowError ? "nested too deeply" : malformed((RuntimeException) e);
            return new Result(name, 0, 1, 0, List.of(SafeText.line(script.getFileName() + ": cannot run the script: " + why)));
        }
    }

    private static Result runScript(Path script, String name) {
        SpecRunner r = new SpecRunner(script);
        r.runAll();
        return new Result(name, r.passed, r.failed, 0, r.failures);
    }

    private void runAll() {
        JsonObject root;
        try {
            root = JsonParser.parseString(BoundedFiles.readString(json, CompiledModule.MAX_FILE_BYTES)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            fail(0, "cannot read script: " + e.getMessage());
            return;
        }
        JsonArray commands = root.getAsJsonArray("commands");
        if (commands == null) throw new IllegalStateException("no \"commands\" array");
        for (JsonElement e : commands) {
            int line = 0;
            try {
                JsonObject c = e.getAsJsonObject();
                line = c.get("line").getAsInt();
                command(c, line);
            } catch (Trap | WasmException | IOException | StackOverflowError | OutOfMemoryError ex) {
                fail(line, "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            } catch (RuntimeException ex) {
                // A command with missing or mistyped fields: that command fails, the script goes on.
                fail(line, "malformed command: " + malformed(ex));
            }
        }
    }

    /** Why a script's JSON could not be followed, in its terms rather than Gson's classes. */
    private static String malformed(RuntimeException e) {
        if (e instanceof com.google.gson.JsonParseException) return "not valid JSON (" + e.getMessage() + ")";
        if (e instanceof NumberFormatException) return "a number field holds " + e.getMessage();
        if (e instanceof NullPointerException || e instanceof ClassCastException || e instanceof UnsupportedOperationException || e instanceof IllegalStateException) {
            return "a field is missing or has the wrong JSON type" + (e instanceof IllegalStateException && e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void pass() { passed++; }

    private void fail(int line, String msg) {
        failed++;
        failures.add(SafeText.line(json.getFileName() + ":" + line + ": " + msg));
    }

    private void command(JsonObject c, int line) throws IOException {
        String type = c.get("type").getAsString();
        switch (type) {
            case "module": {
                Instance inst = instantiate(c.get("filename").getAsString());
                current = inst;
                if (c.has("name")) named.put(c.get("name").getAsString(), inst);
                pass();
                break;
            }
            case "register": {
                Instance inst = c.has("name") ? named.get(c.get("name").getAsString()) : current;
                registry.instance(c.get("as").getAsString(), inst);
                pass();
                break;
            }
            case "action":
                action(c.getAsJsonObject("action"));
                pass();
                break;
            case "assert_return": {
                Value[] got = action(c.getAsJsonObject("action"));
                JsonArray expected = c.getAsJsonArray("expected");
                String problem = compare(got, expected);
                if (problem == null) pass();
                else fail(line, "assert_return " + describe(c.getAsJsonObject("action")) + ": " + problem);
                break;
            }
            case "assert_trap":
            case "assert_exhaustion": {
                try {
                    Value[] got = action(c.getAsJsonObject("action"));
                    fail(line, type + " " + describe(c.getAsJsonObject("action")) + ": returned " + java.util.Arrays.toString(got) + ", expected trap '" + c.get("text").getAsString() + "'");
                } catch (Trap t) {
                    if (type.equals("assert_exhaustion") && t.kind() != Trap.Kind.CALL_STACK_EXHAUSTED) {
                        fail(line, "expected call stack exhaustion, got trap: " + t.getMessage());
                    } else if (!trapMatches(t, c.get("text").getAsString())) {
                        fail(line, type + " " + describe(c.getAsJsonObject("action")) + ": trap '" + t.getMessage() + "', expected '" + c.get("text").getAsString() + "'");
                    } else {
                        pass();
                    }
                }
                break;
            }
            case "assert_invalid":
            case "assert_malformed":
            case "assert_unlinkable":
            case "assert_uninstantiable": {
                String file = c.get("filename").getAsString();
                try {
                    instantiate(file);
                    fail(line, type + " " + file + ": module was accepted, expected '" + c.get("text").getAsString() + "'");
                } catch (Trap t) {
                    if (type.equals("assert_uninstantiable")) pass();
                    else fail(line, type + " " + file + ": trapped (" + t.getMessage() + "), expected '" + c.get("text").getAsString() + "'");
                } catch (LinkException ex) {
                    if (type.equals("assert_unlinkable")) pass();
                    else fail(line, type + " " + file + ": link error (" + ex.getMessage() + "), expected '" + c.get("text").getAsString() + "'");
                } catch (WasmException ex) {
                    if (type.equals("assert_invalid") || type.equals("assert_malformed")) pass();
                    else fail(line, type + " " + file + ": rejected (" + ex.getMessage() + "), expected '" + c.get("text").getAsString() + "'");
                }
                break;
            }
            default:
                fail(line, "unknown command type " + type);
        }
    }

    private static boolean trapMatches(Trap t, String expected) {
        String msg = t.kind().message();
        return msg.startsWith(expected) || expected.startsWith(msg) || t.getMessage().contains(expected);
    }

    /** Binary ({@code .wasm}) and text ({@code .wat}, from {@code module quote}) modules alike. */
    private Instance instantiate(String file) {
        return Instance.builder(CompiledModule.load(dir.resolve(file))).withImports(registry).withMachine(machine).build();
    }

    private static String describe(JsonObject a) {
        return a.get("type").getAsString() + " \"" + a.get("field").getAsString() + "\"";
    }

    private Value[] action(JsonObject a) {
        Instance inst = a.has("module") ? named.get(a.get("module").getAsString()) : current;
        if (inst == null) throw new IllegalArgumentException("no module for action");
        String field = a.get("field").getAsString();
        if (a.get("type").getAsString().equals("get")) {
            GlobalVar g = inst.global(field);
            if (g == null) throw new IllegalArgumentException("no global export " + field);
            return new Value[]{g.get()};
        }
        WasmFunction f = inst.function(field);
        if (f == null) throw new IllegalArgumentException("no function export " + field);
        JsonArray args = a.getAsJsonArray("args");
        Value[] vs = new Value[args.size()];
        for (int i = 0; i < vs.length; i++) vs[i] = value(args.get(i).getAsJsonObject());
        return machine.call(f, vs);
    }

    private static long bits(String s) { return new BigInteger(s).longValue(); }

    /** Bits per lane of a v128 written with {@code lane_type}. */
    private static int laneBits(JsonObject v) {
        switch (v.get("lane_type").getAsString()) {
            case "i8": return 8;
            case "i16": return 16;
            case "i32": case "f32": return 32;
            case "i64": case "f64": return 64;
            default: throw new IllegalArgumentException("unknown lane type " + v.get("lane_type"));
        }
    }

    /** A v128 from its lanes' bit patterns, lane 0 first. */
    private static Value v128(JsonObject v) {
        JsonArray lanes = v.getAsJsonArray("value");
        long[] bits = new long[lanes.size()];
        for (int k = 0; k < bits.length; k++) bits[k] = bits(lanes.get(k).getAsString());
        return Value.v128Lanes(laneBits(v), bits);
    }

    /** Whether float bits match an expected {@code nan:canonical}, {@code nan:arithmetic} or exact bit pattern. */
    private static boolean floatMatches(long got, String expected, int bits) {
        long quiet = bits == 32 ? 0x7FC00000L : 0x7FF8000000000000L;
        long magnitude = bits == 32 ? got & 0x7FFFFFFFL : got & Long.MAX_VALUE;
        if ("nan:canonical".equals(expected)) return magnitude == quiet;
        if ("nan:arithmetic".equals(expected)) return (magnitude & quiet) == quiet;
        long mask = bits == 32 ? 0xFFFFFFFFL : -1L;
        return (got & mask) == (bits(expected) & mask);
    }

    private static String compareV128(Value got, JsonObject e) {
        int bits = laneBits(e);
        JsonArray lanes = e.getAsJsonArray("value");
        boolean isFloat = e.get("lane_type").getAsString().startsWith("f");
        long laneMask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int k = 0; k < lanes.size(); k++) {
            long lane = got.lane(bits, k);
            String want = lanes.get(k).getAsString();
            boolean ok = isFloat ? floatMatches(lane, want, bits) : lane == (bits(want) & laneMask);
            if (!ok) return "lane " + k + " is 0x" + Long.toHexString(lane) + ", expected " + want;
        }
        return null;
    }

    private static Value value(JsonObject v) {
        String type = v.get("type").getAsString();
        if (type.equals("v128")) return v128(v);
        String s = v.get("value").getAsString();
        switch (type) {
            case "i32": return Value.i32((int) bits(s));
            case "i64": return Value.i64(bits(s));
            case "f32": return Value.f32Bits((int) bits(s));
            case "f64": return Value.f64Bits(bits(s));
            case "externref": return Value.ref(ValueType.EXTERNREF, s.equals("null") ? null : new ExternRef(bits(s)));
            case "funcref": return Value.ref(ValueType.FUNCREF, null);
            default: throw new IllegalArgumentException("unsupported value type " + type);
        }
    }

    private static String compare(Value[] got, JsonArray expected) {
        if (got.length != expected.size()) return "got " + got.length + " results, expected " + expected.size();
        for (int i = 0; i < got.length; i++) {
            JsonObject e = expected.get(i).getAsJsonObject();
            String type = e.get("type").getAsString();
            Value g = got[i];
            if (!g.type().toString().equals(type)) return "result " + i + " has type " + g.type() + ", expected " + type;
            if (type.equals("v128")) {
                String problem = compareV128(g, e);
                if (problem != null) return "result " + i + " (" + g + "): " + problem;
                continue;
            }
            String s = e.has("value") ? e.get("value").getAsString() : null;
            boolean ok;
            switch (type) {
                case "f32": ok = floatMatches(g.bits(), s, 32); break;
                case "f64": ok = floatMatches(g.bits(), s, 64); break;
                case "i32": ok = g.i32() == (int) bits(s); break;
                case "i64": ok = g.i64() == bits(s); break;
                case "externref":
                    ok = s == null ? g.ref() != null : s.equals("null") ? g.ref() == null : new ExternRef(bits(s)).equals(g.ref());
                    break;
                case "funcref":
                    ok = s == null ? g.ref() != null : s.equals("null") ? g.ref() == null : g.ref() != null;
                    break;
                default: return "unsupported type " + type;
            }
            if (!ok) return "result " + i + " is " + g + ", expected " + type + " " + s;
        }
        return null;
    }

    /** The conventional {@code spectest} host module. */
    private static void addSpectest(Imports imports) {
        imports.function("spectest", "print", FunctionType.of(), f -> { });
        imports.function("spectest", "print_i32", FunctionType.of(ValueType.I32), f -> { });
        imports.function("spectest", "print_i64", FunctionType.of(ValueType.I64), f -> { });
        imports.function("spectest", "print_f32", FunctionType.of(ValueType.F32), f -> { });
        imports.function("spectest", "print_f64", FunctionType.of(ValueType.F64), f -> { });
        imports.function("spectest", "print_i32_f32", FunctionType.of(ValueType.I32, ValueType.F32), f -> { });
        imports.function("spectest", "print_f64_f64", FunctionType.of(ValueType.F64, ValueType.F64), f -> { });
        imports.add("spectest", "global_i32", new GlobalVar(Value.i32(666), false));
        imports.add("spectest", "global_i64", new GlobalVar(Value.i64(666), false));
        imports.add("spectest", "global_f32", new GlobalVar(Value.f32(666.6f), false));
        imports.add("spectest", "global_f64", new GlobalVar(Value.f64(666.6), false));
        imports.add("spectest", "table", new Table(ValueType.FUNCREF, 10, 20));
        imports.add("spectest", "memory", new Memory(1, 2));
    }

    public static void main(String[] args) throws IOException {
        System.exit(runAll(Path.of(args[0]), System.out, args.length > 1) > 0 ? 1 : 0);
    }

    /** Runs every script under {@code root}; prints a line per file and the summary; returns the number failed. */
    public static int runAll(Path root, PrintStream out, boolean verbose) throws IOException {
        int p = 0, f = 0, s = 0;
        for (Path script : scripts(root)) {
            Result r = run(script);
            out.println(r.line());
            if (verbose) for (String x : r.failures()) out.println("  " + x);
            p += r.passed();
            f += r.failed();
            s += r.skipped();
        }
        out.println("spec: " + p + " passed, " + f + " failed, " + s + " skipped");
        return f;
    }
}
