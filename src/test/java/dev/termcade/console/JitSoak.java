package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.JitStats;
import dev.termcade.vm.Tier;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Metaspace soak of the JIT tier: N simulated players, each in a loop that loads a cart into a fresh module (its own
 * compiled classes), plays M frames headless on the chosen tier and drops it, for a given time. Every few seconds it
 * collects garbage (so dropped modules' classes are unloaded) and prints one line: metaspace used and committed,
 * the class space part, loaded classes, classes unloaded so far, heap used, cycles and compilations. A leak shows as
 * metaspace used or loaded classes that keep rising with the cycles; memory the JVM keeps for reuse shows in
 * committed only.
 *
 * <p>{@code --shared} loads the cart once and gives every player an instance of it, as {@code serve} does (its
 * compiled code is shared: nothing is compiled after the first player). Usage: {@code src/tools/jit-soak.sh
 * [--players 20] [--seconds 600] [--frames 600] [--cart carts/rocket.wasm] [--tier jit] [--every 30] [--fps 0]
 * [--shared]}.
 */
public final class JitSoak {
    private JitSoak() {}

    /** The options, with the defaults of the case: 20 players for 10 minutes on the JIT tier. */
    record Options(int players, long seconds, int frames, Path cart, Tier tier, long everySeconds, double fps, boolean shared) {
        static Options parse(String[] args) {
            int players = 20, frames = 600;
            long seconds = 600, every = 30;
            double fps = 0;
            Path cart = Path.of("carts/rocket.wasm");
            Tier tier = Tier.JIT;
            boolean shared = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--shared")) {
                    shared = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                String v = args[++i];
                try {
                    switch (a) {
                        case "--players": players = Integer.parseInt(v); break;
                        case "--seconds": seconds = Long.parseLong(v); break;
                        case "--frames": frames = Integer.parseInt(v); break;
                        case "--cart": cart = Path.of(v); break;
                        case "--tier": tier = Tier.parse(v); break;
                        case "--every": every = Long.parseLong(v); break;
                        case "--fps": fps = Double.parseDouble(v); break;
                        default: throw new IllegalArgumentException("unknown option " + a
                                + " (--players N --seconds T --frames M --cart FILE --tier interp|jit|auto --every S --fps F --shared)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(a + ": not a number: " + v);
                }
            }
            if (players < 1 || seconds < 1 || frames < 1 || every < 1 || fps < 0) throw new IllegalArgumentException("counts and times must be positive");
            return new Options(players, seconds, frames, cart, tier, every, fps, shared);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jit-soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        byte[] cart;
        try {
            cart = Files.readAllBytes(o.cart());
        } catch (IOException e) {
            System.err.println("jit-soak: cannot read " + o.cart() + ": " + e);
            System.exit(2);
            return;
        }
        String name = CompiledModule.moduleName(o.cart());
        Tier.setDefault(o.tier());
        CompiledModule shared = o.shared() ? CompiledModule.load(cart, name) : null;
        AtomicLong cycles = new AtomicLong(), crashes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + o.seconds() * 1_000_000_000L;
        List<Thread> players = new ArrayList<>();
        // Players arrive spread over one visit's length (at --fps), not all in the same millisecond.
        long arrivalGapMs = o.fps() == 0 ? 0 : (long) (o.frames() / o.fps() * 1000 / o.players());
        for (int p = 0; p < o.players(); p++) {
            long arrivalMs = p * arrivalGapMs;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(arrivalMs);
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        CompiledModule module = shared != null ? shared : CompiledModule.load(cart, name);
                        RuntimeException crash = play(module, o);
                        // A crashed visit (a trap, the frame deadline missed) ends early, as a player's would.
                        if (crash != null && crashes.incrementAndGet() == 1) System.out.println("jit-soak: first crashed visit: " + crash);
                        cycles.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "player-" + p);
            t.setDaemon(true);
            players.add(t);
        }
        System.out.printf(Locale.ROOT, "jit-soak: pid %d, %d players, %s, %d frames a cycle, tier %s, %s, %d s%n",
                ProcessHandle.current().pid(), o.players(), o.cart(), o.frames(), o.tier().label(),
                o.shared() ? "one shared module (as serve)" : "a fresh module each cycle", o.seconds());
        System.out.println("    s  cycles  crashed  compiled  meta_used_KB  meta_committed_KB  class_used_KB  loaded  unloaded  heap_MB");
        long start = System.nanoTime();
        sample(start, cycles, crashes);
        players.forEach(Thread::start);
        while (System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(Math.min(o.everySeconds() * 1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            sample(start, cycles, crashes);
        }
        for (Thread t : players) t.join();
        sample(start, cycles, crashes);
        if (failure.get() != null) {
            System.err.println("jit-soak: a player failed: " + failure.get());
            System.exit(1);
        }
    }

    /**
     * One player's visit, returning its crash or null: the cart from its first frame, {@code frames} frames of 1/60 s. With {@code fps} set the
     * visit lasts as long as it would at that frame rate (the frames run at once, then the player waits), so that
     * many players share the CPU as real sessions do.
     */
    private static RuntimeException play(CompiledModule module, Options o) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Headless.Result r = Headless.run(module, new ConsoleOptions(), 80, 24, o.frames(), 1 / 60.0, Headless.Script.EMPTY);
        if (o.fps() > 0) {
            long waitNanos = (long) (o.frames() / o.fps() * 1e9) - (System.nanoTime() - t0);
            if (waitNanos > 0) Thread.sleep(waitNanos / 1_000_000);
        }
        return r.crash();
    }

    /** Collects garbage (unloading dropped modules' classes) and prints one line of figures. */
    private static void sample(long start, AtomicLong cycles, AtomicLong crashes) {
        System.gc();
        long metaUsed = 0, metaCommitted = 0, classUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            // "Metaspace" is the whole of it, the class space included; "Compressed Class Space" is the class part.
            if (pool.getName().equals("Metaspace")) {
                metaUsed = pool.getUsage().getUsed();
                metaCommitted = pool.getUsage().getCommitted();
            } else if (pool.getName().equals("Compressed Class Space")) {
                classUsed = pool.getUsage().getUsed();
            }
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "%5d  %6d  %7d  %8d  %12d  %17d  %13d  %6d  %8d  %7d%n",
                (System.nanoTime() - start) / 1_000_000_000L, cycles.get(), crashes.get(), JitStats.functions(), metaUsed >> 10, metaCommitted >> 10,
                classUsed >> 10, classes.getLoadedClassCount(), classes.getUnloadedClassCount(), heap >> 20);
    }
}
