package dev.termcade.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.JitStats;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Tier;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Side-by-side benchmark: each workload on Termcade's interpreter, Chicory's interpreter, Chicory's bytecode
 * compiler and natively compiled C, in one JVM run with the same settings. Every engine must compute the same
 * result. Usage: {@code ./run.sh bench [--quick] [--only NAME]}.
 */
public final class Bench {
    /** One engine's prepared workload: run(n) returns the workload's checksum. */
    interface Runner {
        long run(int n) throws Exception;
    }

    record Workload(String name, String what, int quickN, int fullN) {
        /** A game gives a different result each run (its state advances): only its first run is cross-checked. */
        boolean stateful() { return name.equals("rocket"); }
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("fib", "recursion and calls", 22, 30),
            new Workload("sieve", "integer loops over memory", 1, 6),
            new Workload("hash", "i64 arithmetic, hashing", 20, 200),
            new Workload("nbody", "f64 numeric code", 20_000, 300_000),
            new Workload("interp", "switch-heavy interpreter (br_table)", 50_000, 1_000_000),
            new Workload("sort", "quicksort", 20_000, 300_000),
            new Workload("bulk", "memory.copy / memory.fill", 2, 20),
            new Workload("dispatch", "call_indirect dispatch", 200_000, 3_000_000),
            new Workload("rocket", "rocket cart update+draw per frame, host imports", 200, 3000));

    /** "termcade" is the interpreter alone (pinned); "termcade-jit" is the default tiering (AUTO: interpreter, then JVM bytecode). */
    private static final String[] ENGINES = {"termcade", "termcade-jit", "chicory-interp", "chicory-compiler"};

    private static final double NANOS_PER_MS = 1e6;
    /** Frames of the rocket cart measured from a cold JVM (about ten seconds of play at 60 fps). */
    private static final int COLD_FRAMES = 600;
    /** Fresh JVMs started for the cold rocket measurement. */
    private static final int COLD_RUNS = 3;

    static Workload workload(String name) {
        for (Workload w : WORKLOADS) if (w.name.equals(name)) return w;
        throw new IllegalArgumentException("no workload " + name);
    }

    /** One engine's runner for a workload's module. */
    static Runner runner(String engine, byte[] bytes, boolean rocket) {
        switch (engine) {
            case "termcade": return termcade(bytes, rocket, Tier.INTERP);
            case "termcade-jit": return termcade(bytes, rocket, Tier.AUTO);
            case "chicory-interp": return chicory(bytes, rocket, false);
            case "chicory-compiler": return chicory(bytes, rocket, true);
            default: throw new IllegalArgumentException("no engine " + engine);
        }
    }

    private final Path root;
    private final boolean quick;
    private final String only;
    /** The engines measured: all, or those named by {@code --engine} (a comma-separated list, while working on one engine). */
    private final String[] engines;
    private int mismatches;

    Bench(Path root, boolean quick, String only, String[] engines) {
        this.root = root;
        this.quick = quick;
        this.only = only;
        this.engines = engines;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ssh")) {
            SshLoad.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals(COLD_ROCKET)) {
            coldRocket(Path.of(System.getProperty("termcade.home", ".")), args.length > 1 && args[1].equals(PACED), args.length > 2 && args[2].equals(PRACTICE));
            return;
        }
        boolean quick = false;
        String only = null;
        String[] engines = ENGINES;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) quick = true;
            else if (args[i].equals("--only")) only = args[++i];
            else if (args[i].equals("--engine")) engines = args[++i].split(",");
            else if (args[i].equals("--pairs")) {
                pairs(Path.of(System.getProperty("termcade.home", ".")));
                return;
            } else {
                System.err.println("usage: bench [--quick] [--only WORKLOAD] [--engine NAME[,NAME...]] | bench --pairs (with TERMCADE_JAVA_OPTS=-Dtermcade.opProfile=true)");
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("termcade.home", "."));
        Bench b = new Bench(root, quick, only, engines);
        int rc = b.runAll();
        System.exit(rc);
    }

    private byte[] wasm(String name) throws IOException { return wasm(root, name); }

    static byte[] wasm(Path root, String name) throws IOException {
        if (name.equals("rocket")) return Files.readAllBytes(root.resolve("carts/rocket.wasm"));
        if (name.equals("large")) {
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(root.resolve("src/bench/wasm/large.wasm.gz")))) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(root.resolve("src/bench/wasm/" + name + ".wasm"));
    }

    // ---- engines ----

    private static Runner termcade(byte[] bytes, boolean rocket, Tier tier) {
        CompiledModule cm = CompiledModule.load(bytes).tier(tier);
        Machine machine = new Machine();
        if (!rocket) {
            WasmFunction f = Instance.builder(cm).build().function("run");
            return n -> machine.callRaw(f, n);
        }
        long[] draws = new long[1];
        ValueType f64 = ValueType.F64;
        dev.termcade.vm.FunctionType unary = dev.termcade.vm.FunctionType.of(f64).returning(f64);
        Imports im = new Imports()
                .function("env", "sin", unary, h -> h.f64(0, Math.sin(h.f64(0))))
                .function("env", "cos", unary, h -> h.f64(0, Math.cos(h.f64(0))))
                .function("env", "Math_atan", unary, h -> h.f64(0, Math.atan(h.f64(0))))
                .function("env", "clear_screen", dev.termcade.vm.FunctionType.of(), h -> draws[0]++)
                .function("env", "draw_player", dev.termcade.vm.FunctionType.of(f64, f64, f64), h -> draws[0] += (long) h.f64(0))
                .function("env", "draw_enemy", dev.termcade.vm.FunctionType.of(f64, f64), h -> draws[0] += (long) h.f64(0))
                .function("env", "draw_bullet", dev.termcade.vm.FunctionType.of(f64, f64), h -> draws[0] += (long) h.f64(1))
                .function("env", "draw_particle", dev.termcade.vm.FunctionType.of(f64, f64, f64), h -> draws[0]++)
                .function("env", "draw_score", dev.termcade.vm.FunctionType.of(f64), h -> draws[0] += (long) h.f64(0));
        Instance inst = Instance.builder(cm).withImports(im).build();
        WasmFunction resize = inst.function("resize"), update = inst.function("update"), draw = inst.function("draw"), shoot = inst.function("toggle_shoot"), left = inst.function("toggle_turn_left");
        machine.callRaw(resize, Double.doubleToRawLongBits(480), Double.doubleToRawLongBits(312));
        machine.callRaw(shoot, 1);
        machine.callRaw(left, 1);
        long dt = Double.doubleToRawLongBits(1.0 / 60);
        return n -> {
            draws[0] = 0;
            for (int i = 0; i < n; i++) {
                machine.callRaw(update, dt);
                machine.callRaw(draw);
            }
            return draws[0];
        };
    }

    private static Runner chicory(byte[] bytes, boolean rocket, boolean compiled) {
        WasmModule module = Parser.parse(bytes);
        long[] draws = new long[1];
        ImportValues.Builder imports = ImportValues.builder();
        if (rocket) {
            FunctionType unary = FunctionType.of(List.of(ValType.F64), List.of(ValType.F64));
            imports.addFunction(
                    new HostFunction("env", "sin", unary, (i, a) -> new long[]{Double.doubleToRawLongBits(Math.sin(Double.longBitsToDouble(a[0])))}),
                    new HostFunction("env", "cos", unary, (i, a) -> new long[]{Double.doubleToRawLongBits(Math.cos(Double.longBitsToDouble(a[0])))}),
                    new HostFunction("env", "Math_atan", unary, (i, a) -> new long[]{Double.doubleToRawLongBits(Math.atan(Double.longBitsToDouble(a[0])))}),
                    new HostFunction("env", "clear_screen", FunctionType.of(List.of(), List.of()), (i, a) -> { draws[0]++; return null; }),
                    new HostFunction("env", "draw_player", FunctionType.of(List.of(ValType.F64, ValType.F64, ValType.F64), List.of()), (i, a) -> { draws[0] += (long) Double.longBitsToDouble(a[0]); return null; }),
                    new HostFunction("env", "draw_enemy", FunctionType.of(List.of(ValType.F64, ValType.F64), List.of()), (i, a) -> { draws[0] += (long) Double.longBitsToDouble(a[0]); return null; }),
                    new HostFunction("env", "draw_bullet", FunctionType.of(List.of(ValType.F64, ValType.F64), List.of()), (i, a) -> { draws[0] += (long) Double.longBitsToDouble(a[1]); return null; }),
                    new HostFunction("env", "draw_particle", FunctionType.of(List.of(ValType.F64, ValType.F64, ValType.F64), List.of()), (i, a) -> { draws[0]++; return null; }),
                    new HostFunction("env", "draw_score", FunctionType.of(List.of(ValType.F64), List.of()), (i, a) -> { draws[0] += (long) Double.longBitsToDouble(a[0]); return null; }));
        }
        var builder = com.dylibso.chicory.runtime.Instance.builder(module).withImportValues(imports.build());
        if (compiled) builder = builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        com.dylibso.chicory.runtime.Instance inst = builder.build();
        if (!rocket) {
            ExportFunction run = inst.export("run");
            return n -> run.apply(n)[0];
        }
        ExportFunction update = inst.export("update"), draw = inst.export("draw");
        inst.export("resize").apply(Double.doubleToRawLongBits(480), Double.doubleToRawLongBits(312));
        inst.export("toggle_shoot").apply(1);
        inst.export("toggle_turn_left").apply(1);
        long dt = Double.doubleToRawLongBits(1.0 / 60);
        return n -> {
            draws[0] = 0;
            for (int i = 0; i < n; i++) {
                update.apply(dt);
                draw.apply();
            }
            return draws[0];
        };
    }

    // ---- measurement ----

    /** Median and spread of one engine on one workload (allocation -1 when not measured). */
    record Timing(double medianMs, double minMs, double maxMs, long result, long allocBytesPerRun) {
        String cell() { return String.format(Locale.ROOT, "%9.2f ±%4.0f%%", medianMs, medianMs == 0 ? 0 : 100 * (maxMs - minMs) / 2 / medianMs); }
    }

    /**
     * Runs the selected workloads on every engine under JMH, one forked JVM per workload and engine (same warm-up
     * and iterations for all, {@code -prof gc} for allocation), and collects each one's timing and checksum.
     */
    private Map<String, Map<String, Timing>> measureAll(List<Workload> selected) throws Exception {
        Path checksums = root.resolve("target/bench-checksums");
        Path log = root.resolve("target/bench-jmh.log");
        if (Files.isDirectory(checksums)) {
            try (var files = Files.list(checksums)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
            }
        }
        Options options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName())
                .param("workload", selected.stream().map(Workload::name).toArray(String[]::new))
                .param("engine", engines)
                .param("size", quick ? "quick" : "full")
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(quick ? 300 : 2000))
                .measurementIterations(quick ? 3 : 7)
                .measurementTime(TimeValue.milliseconds(quick ? 100 : 500))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Dtermcade.home=" + root, "-Dtermcade.bench.checksums=" + checksums)
                .output(log.toString())
                .build();
        System.err.printf(Locale.ROOT, "running %d JMH forks (log: %s)…%n", selected.size() * engines.length, root.relativize(log));
        Map<String, Map<String, Timing>> timings = new LinkedHashMap<>();
        for (RunResult rr : new org.openjdk.jmh.runner.Runner(options).run()) {
            String w = rr.getParams().getParam("workload"), e = rr.getParams().getParam("engine");
            Path sum = checksums.resolve(w + "." + e);
            if (!Files.exists(sum)) continue;
            var stats = rr.getPrimaryResult().getStatistics();
            Result<?> alloc = rr.getSecondaryResults().get("gc.alloc.rate.norm");
            long bytesPerRun = alloc == null ? -1 : Math.round(alloc.getScore());
            timings.computeIfAbsent(w, k -> new LinkedHashMap<>())
                    .put(e, new Timing(stats.getPercentile(50), stats.getMin(), stats.getMax(), Long.parseLong(Files.readString(sum).strip()), bytesPerRun));
        }
        return timings;
    }

    /** What the JIT tier compiled in all forks ({@link EngineBenchmark} leaves a file each): functions, wasm bytes, nanoseconds. */
    private long[] jitStats() throws IOException {
        long[] sum = new long[3];
        Path checksums = root.resolve("target/bench-checksums");
        try (var files = Files.list(checksums)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().endsWith(".jit")) continue;
                String[] parts = Files.readString(f).strip().split(" ");
                for (int i = 0; i < 3; i++) sum[i] += Long.parseLong(parts[i]);
            }
        }
        return sum;
    }

    /** Compiles the C workload natively with gcc -O2 and runs it; null if no C compiler is available. */
    private Timing nativeTiming(String name, int n) {
        try {
            Path dir = root.resolve("target/bench-native");
            Files.createDirectories(dir);
            Path bin = dir.resolve(name);
            Path src = root.resolve("src/bench/c/" + name + ".c");
            if (!Files.exists(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
                Process p = new ProcessBuilder("gcc", "-O2", "-o", bin.toString(), root.resolve("src/bench/native/main.c").toString(), src.toString(), "-lm")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            }
            Process p = new ProcessBuilder(bin.toString(), Integer.toString(n), quick ? "3" : "7").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            String[] parts = out.split("\\s+");
            double ms = Double.parseDouble(parts[0]);
            return new Timing(ms, ms, ms, Long.parseLong(parts[1]), 0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    int runAll() throws Exception {
        System.out.printf(Locale.ROOT, "Termcade benchmark (%s run) on %s, %d cores, Java %s (%s)%n", quick ? "quick" : "full",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(Locale.ROOT, "JMH, a fresh JVM per workload and engine, %s warm-up; median of %d iterations' ms per run (± half their min-max spread)%n",
                quick ? "300 ms" : "2 s", quick ? 3 : 7);
        System.out.printf(Locale.ROOT, "speedup = Chicory interpreter ms / Termcade ms; alloc = -prof gc bytes per run (JMH's own per-iteration bookkeeping included)%n%n");
        System.out.printf(Locale.ROOT, "%-9s %-16s %-16s %-16s %-18s %-12s %9s %11s%n", "workload", "termcade", "termcade-jit", "chicory-interp", "chicory-compiler", "native", "speedup", "tc alloc/run");
        List<Workload> selected = WORKLOADS.stream().filter(w -> only == null || only.equals(w.name)).toList();
        Map<String, Map<String, Timing>> measured = selected.isEmpty() ? Map.of() : measureAll(selected);
        // bulk is bound by the JVM's array copies in every engine: the goals leave it aside.
        List<Double> vsInterp = new ArrayList<>(), vsInterpButBulk = new ArrayList<>(), vsCompiler = new ArrayList<>(), vsNative = new ArrayList<>();
        List<Double> jitVsCompiler = new ArrayList<>(), jitVsNative = new ArrayList<>();
        for (Workload w : selected) {
            int n = quick ? w.quickN : w.fullN;
            boolean rocket = w.stateful();
            Map<String, Timing> t = measured.getOrDefault(w.name, Map.of());
            for (String e : engines) if (!t.containsKey(e)) System.out.println("  " + e + " failed on " + w.name + " (see the JMH log)");
            Timing nat = rocket ? null : nativeTiming(w.name, n);
            if (!t.containsKey("termcade")) {
                mismatches++;
                continue;
            }
            long expected = t.get("termcade").result();
            for (Map.Entry<String, Timing> e : t.entrySet()) {
                if (e.getValue().result() != expected) {
                    System.out.println("  MISMATCH on " + w.name + ": termcade " + expected + ", " + e.getKey() + " " + e.getValue().result());
                    mismatches++;
                }
            }
            if (nat != null && nat.result() != expected) {
                System.out.println("  MISMATCH on " + w.name + ": termcade " + expected + ", native " + nat.result());
                mismatches++;
            }
            Timing tc = t.get("termcade"), tj = t.get("termcade-jit"), ci = t.get("chicory-interp"), cc = t.get("chicory-compiler");
            if (tj != null && cc != null) jitVsCompiler.add(cc.medianMs() / tj.medianMs());
            if (tj != null && nat != null) jitVsNative.add(nat.medianMs() / tj.medianMs());
            double speedup = ci == null ? Double.NaN : ci.medianMs() / tc.medianMs();
            if (ci != null) vsInterp.add(speedup);
            if (ci != null && !w.name.equals("bulk")) vsInterpButBulk.add(speedup);
            if (cc != null) vsCompiler.add(cc.medianMs() / tc.medianMs());
            if (nat != null) vsNative.add(nat.medianMs() / tc.medianMs());
            System.out.printf(Locale.ROOT, "%-9s %-16s %-16s %-16s %-18s %-12s %8.1fx %11s%n", w.name, tc.cell(), tj == null ? "n/a" : tj.cell(),
                    ci == null ? "n/a" : ci.cell(), cc == null ? "n/a" : cc.cell(),
                    nat == null ? "n/a" : String.format(Locale.ROOT, "%9.2f", nat.medianMs()), speedup, tc.allocBytesPerRun() < 0 ? "n/a" : tc.allocBytesPerRun() + " B");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "geometric mean: Termcade is %.2fx Chicory's interpreter (%.2fx bulk aside), %.2fx Chicory's compiler, %.2fx native speed%n",
                geomean(vsInterp), geomean(vsInterpButBulk), geomean(vsCompiler), geomean(vsNative));
        if (!jitVsCompiler.isEmpty()) {
            long[] jit = jitStats();
            System.out.printf(Locale.ROOT, "geometric mean: Termcade's JIT tier is %.2fx Chicory's compiler, %.2fx native speed; JIT compiled %d functions (%d bytes of wasm) in %.1f ms over all forks%n",
                    geomean(jitVsCompiler), geomean(jitVsNative), jit[0], jit[1], jit[2] / NANOS_PER_MS);
        }
        if (only == null || only.equals("load")) loadTime();
        if (only == null || only.equals("frame")) frameTime();
        System.out.println(mismatches == 0 ? "results: all engines agree" : "results: " + mismatches + " MISMATCHES");
        return mismatches == 0 ? 0 : 1;
    }

    private static double geomean(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        double s = 0;
        for (double x : xs) s += Math.log(x);
        return Math.exp(s / xs.size());
    }

    private void loadTime() throws Exception {
        byte[] large = wasm("large");
        byte[] rocket = wasm("rocket");
        int reps = quick ? 3 : 10;
        for (int i = 0; i < (quick ? 2 : 5); i++) {
            CompiledModule.load(large);
            Parser.parse(large);
        }
        double tc = median(reps, () -> CompiledModule.load(large));
        double ch = median(reps, () -> Parser.parse(large));
        double mb = large.length / 1e6;
        System.out.printf(Locale.ROOT, "%nload (decode + validate%s) of a %.2f MB module: Termcade %.1f ms (%.1f MB/s, includes translation), Chicory parse %.1f ms (%.1f MB/s)%n",
                "", mb, tc, mb / (tc / 1000), ch, mb / (ch / 1000));
        for (int i = 0; i < 20; i++) CompiledModule.load(rocket);
        double rk = median(reps * 3, () -> CompiledModule.load(rocket));
        System.out.printf(Locale.ROOT, "rocket cart (%d bytes) load + translate after warm-up: %.2f ms%n", rocket.length, rk);
    }

    private static dev.termcade.console.ConsoleOptions rocketOptions() {
        dev.termcade.console.ConsoleOptions o = new dev.termcade.console.ConsoleOptions();
        o.cartName = "rocket";
        o.mode = dev.termcade.console.RenderMode.HALF;
        o.colors = dev.termcade.console.CellRenderer.ColorDepth.TRUECOLOR;
        return o;
    }

    /** Shooting and turning left all the time: enemies, bullets and particles keep coming. */
    private static List<dev.termcade.console.Headless.InputEvent> rocketInput() {
        return List.of(new dev.termcade.console.Headless.InputEvent(0, dev.termcade.console.Button.A, true),
                new dev.termcade.console.Headless.InputEvent(0, dev.termcade.console.Button.LEFT, true));
    }

    /** The whole console path for the rocket cart at 120x40: update + draw + rasterise + render + delta refresh. */
    private void frameTime() throws Exception {
        CompiledModule rocket = CompiledModule.load(wasm("rocket"));
        dev.termcade.console.ConsoleOptions o = rocketOptions();
        List<dev.termcade.console.Headless.InputEvent> input = rocketInput();
        int frames = quick ? 600 : 3000;
        dev.termcade.console.Headless.run(rocket, o, 120, 40, frames, 1.0 / 60, input); // warm-up
        dev.termcade.console.Headless.Result r = dev.termcade.console.Headless.run(rocket, o, 120, 40, frames, 1.0 / 60, input);
        System.out.printf(Locale.ROOT, "rocket frame at 120x40 (cart + render + delta refresh, after warm-up): avg %.0f us, p99 %.0f us, %.0f bytes/frame%n",
                r.avgFrameMicros(), r.p99FrameMicros(), r.bytesPerFrame());
        // Back to back is the harsher measure (HotSpot has had under a second when the 600th frame runs); paced at
        // 60 fps is what a player sees (ten seconds of play, HotSpot compiling in the gaps).
        // As play starts (a practice run first, see PracticeRun), and without it (--no-warmup, and every headless run).
        for (boolean practice : new boolean[] {true, false}) {
            for (boolean paced : new boolean[] {false, true}) {
                for (Tier tier : new Tier[] {Tier.INTERP, Tier.AUTO}) {
                    if (practice && !paced && tier == Tier.AUTO) continue; // three variants with practice are enough
                    List<String> cold = new ArrayList<>();
                    for (int i = 0; i < COLD_RUNS; i++) cold.add(coldRocketInFreshJvm(paced, tier, practice));
                    System.out.printf(Locale.ROOT, "rocket's first %d frames at 120x40 from a cold JVM, %s, %s, tier %s (%d fresh JVMs): %s%n",
                            COLD_FRAMES, practice ? "after the practice run" : "no practice run", paced ? "paced at 60 fps" : "back to back",
                            tier.label(), COLD_RUNS, String.join("; ", cold));
                }
            }
        }
    }

    private static final String COLD_ROCKET = "cold-rocket";
    private static final String PACED = "paced";
    private static final String PRACTICE = "practice";

    /** The executed instruction and pair histogram of each workload on Termcade (quick size), for superinstructions. */
    private static void pairs(Path root) throws Exception {
        if (!dev.termcade.vm.OpProfile.enabled()) throw new IllegalStateException("run with -Dtermcade.opProfile=true");
        for (Workload w : WORKLOADS) {
            if (w.name.equals("bulk")) continue;
            Runner r = runner("termcade", wasm(root, w.name), w.stateful());
            dev.termcade.vm.OpProfile.reset();
            r.run(w.quickN);
            System.out.println("== " + w.name);
            System.out.print(dev.termcade.vm.OpProfile.report(Integer.getInteger("termcade.pairs.top", 15)));
        }
    }

    /** Runs {@link #coldRocket} in a new JVM with this one's class path and options, in {@code tier}; returns its line. */
    private String coldRocketInFreshJvm(boolean paced, Tier tier, boolean practice) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-Dtermcade.tier=" + tier.label());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), COLD_ROCKET, paced ? PACED : "back-to-back",
                practice ? PRACTICE : "no-practice"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            mismatches++;
            return "failed: " + out;
        }
        return out;
    }

    /** In a fresh JVM: the rocket cart's first frames through the whole console path, from loading the cart on. */
    private static void coldRocket(Path root, boolean paced, boolean practice) throws Exception {
        long t0 = System.nanoTime();
        CompiledModule rocket = CompiledModule.load(wasm(root, "rocket"));
        double loadMs = (System.nanoTime() - t0) / NANOS_PER_MS;
        String practised = practice
                ? ", " + dev.termcade.console.PracticeRun.run(rocket, rocketOptions(), 120, 40, dev.termcade.console.PracticeRun.DEFAULT_MAX_MILLIS).describe()
                : "";
        dev.termcade.console.Headless.Result r = dev.termcade.console.Headless.run(rocket, rocketOptions(), 120, 40, COLD_FRAMES, 1.0 / 60,
                new dev.termcade.console.Headless.Script(rocketInput(), List.of()), paced);
        System.out.printf(Locale.ROOT, "p99 %.0f us, avg %.0f us, load %.0f ms%s", r.p99FrameMicros(), r.avgFrameMicros(), loadMs, practised);
    }

    private static double median(int reps, Runnable r) {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / NANOS_PER_MS;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }
}
