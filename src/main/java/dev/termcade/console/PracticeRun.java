package dev.termcade.console;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.console.wasm4.Wasm4Sound;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The practice run before the first frame: a throwaway copy of the cart plays itself offscreen, with random buttons,
 * through the whole console path (update, draw, rasterise, render, delta refresh into a terminal that discards its
 * bytes) until its frames stop getting faster.
 *
 * <p>Why: HotSpot compiles the interpreter's dispatch loop, the rasteriser and Lanterna from what they ran, and
 * recompiles the loop whenever a program reaches an instruction it had not profiled; each compile of the loop takes
 * it up to two seconds on a second core, during which frames run in slower code. Played cold, the rocket cart's
 * first ten seconds had 20-40 frames over 2 ms (p99 3-5 ms), the first at 40-80 ms. The practice run spends that
 * time before the game starts, on the cart's own code, so HotSpot compiles the loop for the instructions this cart
 * uses (a loop profiled for every instruction instead runs 2-3x slower, see BENCHMARKS.md) and play starts smooth.
 *
 * <p>The copy is the cart's own module in a new instance on its own machine: its own memory, an empty disk that is
 * never saved, no sound, no trace output, no screenshots. Nothing it does reaches the player's game.
 */
public final class PracticeRun {
    /** The longest a practice run takes (a cart whose frames never settle, or a busy machine). */
    public static final long DEFAULT_MAX_MILLIS = 3000;
    /** Frames per measured window. */
    static final int WINDOW = 120;
    /** Settled: three windows in a row whose median frame times are within this factor of each other... */
    static final double STABLE = 1.15;
    /**
     * ...and that are this many times faster than the first window (compiled code replaced the first, slow code),
     * the last of them with no more than one frame (a garbage collection) slower than the first window's median
     * (HotSpot still compiling or recompiling shows as frames of several milliseconds)...
     */
    static final double SPEEDUP = 3;
    /** ...or that come after this many windows (a JVM that was warm already never gets that much faster). */
    static final int PATIENCE_WINDOWS = 20;
    /** A random button changes every this many frames. */
    static final int BUTTON_EVERY = 8;

    /** What a practice run did: frames played, milliseconds taken, whether its frames settled before the limit. */
    public record Result(int frames, long millis, boolean settled) {
        public String describe() {
            return frames + " practice frames in " + millis + " ms" + (settled ? "" : " (not settled)");
        }
    }

    private PracticeRun() {}

    /**
     * Practises {@code module} at a {@code cols x rows} terminal with {@code opt}'s render settings for at most
     * {@code maxMillis}; a cart that traps or fails to start ends it early (the real game reports that itself).
     */
    public static Result run(CompiledModule module, ConsoleOptions opt, int cols, int rows, long maxMillis) throws IOException {
        long start = System.nanoTime();
        ConsoleOptions o = opt.copy();
        o.diskFile = null;
        o.trace = null;
        o.wasm4Sound = () -> Wasm4Sound.SILENT;
        o.screenshots = false;
        o.idleTimeoutMs = 0;
        o.status = null;
        TerminalScreen screen = Headless.offscreen(OutputStream.nullOutputStream(), cols, rows);
        ConsoleSession session;
        try {
            session = new ConsoleSession(screen, module, o, new Machine());
        } catch (RuntimeException cannotStart) { // a trap in its start function, an ABI it does not fit
            screen.stopScreen();
            return new Result(0, elapsedMillis(start), false);
        }
        try {
            session.layout(new TerminalSize(cols, rows));
            SplittableRandom random = new SplittableRandom(opt.seed);
            long[] window = new long[WINDOW];
            double first = -1;
            double[] recent = {-1, -1, -1};
            int frames = 0;
            while (elapsedMillis(start) < maxMillis) {
                if (frames % BUTTON_EVERY == 0) {
                    session.game().button(0, Button.VALUES[random.nextInt(Button.VALUES.length)], random.nextBoolean());
                }
                long t0 = System.nanoTime();
                session.step(1.0 / 60);
                session.present();
                window[frames % WINDOW] = System.nanoTime() - t0;
                frames++;
                if (session.crash() != null) return new Result(frames, elapsedMillis(start), false);
                if (frames % WINDOW == 0) {
                    long[] sorted = window.clone();
                    Arrays.sort(sorted);
                    double median = sorted[WINDOW / 2];
                    double secondSlowest = sorted[WINDOW - 2];
                    if (first < 0) first = median;
                    recent[0] = recent[1];
                    recent[1] = recent[2];
                    recent[2] = median;
                    boolean stable = recent[0] > 0 && within(recent[0], recent[1]) && within(recent[1], recent[2]) && within(recent[0], recent[2]);
                    boolean compiled = median * SPEEDUP <= first && secondSlowest <= first;
                    if (stable && (compiled || frames >= PATIENCE_WINDOWS * WINDOW)) {
                        return new Result(frames, elapsedMillis(start), true);
                    }
                }
            }
            return new Result(frames, elapsedMillis(start), false);
        } finally {
            session.close();
            screen.stopScreen();
        }
    }

    private static boolean within(double a, double b) { return Math.max(a, b) <= STABLE * Math.min(a, b); }

    private static long elapsedMillis(long startNs) { return (System.nanoTime() - startNs) / 1_000_000; }
}
