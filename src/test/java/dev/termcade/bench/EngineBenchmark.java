package dev.termcade.bench;

import dev.termcade.vm.JitStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine comparison as a JMH benchmark: one workload on one engine per forked JVM (JMH forks each parameter
 * combination separately), so no engine's or workload's profile shapes another's compiled code. {@link Bench}
 * runs it and prints the table; the parameters' defaults here are only for running it directly.
 *
 * <p>Each fork writes the checksum of its first run to {@code $termcade.bench.checksums/WORKLOAD.ENGINE} so the
 * parent can check that every engine computed the same thing, and every later run must repeat it (except the
 * stateful rocket game, whose state advances from run to run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class EngineBenchmark {
    @Param({"fib"})
    public String workload;

    @Param({"termcade"})
    public String engine;

    /** "quick" or "full": which of the workload's sizes one run uses. */
    @Param({"quick"})
    public String size;

    private Bench.Runner runner;
    private int n;
    private long expected;
    private boolean stateful;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        Bench.Workload w = Bench.workload(workload);
        n = size.equals("full") ? w.fullN() : w.quickN();
        stateful = w.stateful();
        runner = Bench.runner(engine, Bench.wasm(Path.of(System.getProperty("termcade.home", ".")), workload), stateful);
        expected = runner.run(n);
        String dir = System.getProperty("termcade.bench.checksums");
        if (dir != null) writeChecksum(Path.of(dir).resolve(workload + "." + engine), expected);
    }

    private static void writeChecksum(Path file, long checksum) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Long.toString(checksum));
    }

    /** The JIT tier's work in this fork, for the table's footnote (all zero for the other engines). */
    @TearDown(Level.Trial)
    public void report() throws IOException {
        String dir = System.getProperty("termcade.bench.checksums");
        if (dir == null) return;
        Files.writeString(Path.of(dir).resolve(workload + "." + engine + ".jit"),
                JitStats.functions() + " " + JitStats.wasmBytes() + " " + JitStats.nanos());
    }

    @Benchmark
    public long run() throws Exception {
        long result = runner.run(n);
        if (result != expected && !stateful) throw new IllegalStateException("non-deterministic result: " + expected + " then " + result);
        return result;
    }
}
