package dev.termcade.console;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Plays a cartridge on the process's own terminal and gives the terminal back as it found it on every way out:
 * quitting, a crash, an exception or error (out of memory included), SIGTERM/SIGHUP (the shutdown hook), and
 * Ctrl-Z / SIGTSTP, after which {@code fg} takes the terminal again and repaints it whole.
 */
public final class TerminalPlay {
    /** How long a shutdown waits for the game loop to finish its frame before restoring the terminal anyway. */
    private static final long LOOP_STOP_WAIT_MS = 500;

    private TerminalPlay() {}

    /** Whether there is an interactive terminal to play on. */
    public static boolean available() { return System.console() != null; }

    /** Plays until the player quits; returns the crash that stopped the cart, or null. */
    public static RuntimeException play(CompiledModule module, ConsoleOptions o) throws IOException {
        return play(module, o, null, instance -> {});
    }

    /**
     * Plays until the player quits, and with {@code watched} (the cart's file) not null, swaps in each new build of
     * it between frames (see {@link CartWatcher}); hands the game's instance to {@code keep} at the end (the REPL
     * inspects it); returns the crash that stopped the cart, or null.
     */
    public static RuntimeException play(CompiledModule module, ConsoleOptions o, Path watched,
                                        java.util.function.Consumer<dev.termcade.vm.Instance> keep) throws IOException {
        CountingOutputStream wire = new CountingOutputStream(System.out);
        SuspendableTerminal terminal = new SuspendableTerminal(System.in, wire, StandardCharsets.UTF_8);
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        ConsoleSession[] running = new ConsoleSession[1];
        CountDownLatch loopEnded = new CountDownLatch(1);
        Thread restore = new Thread(() -> {
            // SIGTERM/SIGHUP: the loop still runs while hooks do; stop it first so that it draws nothing after the
            // terminal is restored, then restore (Lanterna's own hook puts the tty settings back).
            ConsoleSession s = running[0];
            if (s != null) s.stop();
            try {
                loopEnded.await(LOOP_STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                synchronized (screen) {
                    wire.write(KittyKeys.DISABLE);
                    screen.stopScreen();
                }
            } catch (Exception ignored) {
                // the JVM is going down; nothing more can be done
            }
        });
        Runtime.getRuntime().addShutdownHook(restore);
        SignalHandler previousTstp = null, previousCont = null;
        CartWatcher watcher = null;
        try {
            if (o.practiceMillis > 0) practise(screen, module, o);
            ConsoleSession session = new ConsoleSession(screen, module, o, new Machine());
            running[0] = session;
            if (watched != null) watcher = watch(watched, session);
            session.onSuspend(() -> stopUntilContinued(terminal));
            previousTstp = handle("TSTP", s -> session.requestSuspend());
            previousCont = handle("CONT", s -> session.requestRepaint());
            session.enableKeyEvents(wire);
            session.run();
            keep.accept(session.cartridge().instance());
            return session.crash();
        } finally {
            if (watcher != null) watcher.close();
            loopEnded.countDown();
            restoreHandler("TSTP", previousTstp);
            restoreHandler("CONT", previousCont);
            synchronized (screen) {
                screen.stopScreen();
                terminal.release();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /** Says so on the screen, then lets a copy of the cart practise offscreen at the terminal's size (see {@link PracticeRun}). */
    private static void practise(TerminalScreen screen, CompiledModule module, ConsoleOptions o) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        String text = "warming up " + SafeText.of(o.cartName, 40) + "…";
        synchronized (screen) {
            screen.newTextGraphics().putString(Math.max(0, (size.getColumns() - text.length()) / 2), size.getRows() / 2, text);
            screen.refresh();
        }
        PracticeRun.run(module, o, size.getColumns(), size.getRows(), o.practiceMillis);
        synchronized (screen) {
            screen.clear();
        }
    }

    /** Good news leaves the status line after this long, giving the room back to the key hints; failures stay. */
    private static final long GOOD_NEWS_NS = 4_000_000_000L;

    /** What the status line says about a watcher's outcome, and whether it is good news (it fades). */
    record Report(String text, boolean fades) {}

    /** Starts watching {@code cart}; what the watcher finds reaches the game between frames, the latest first. */
    private static CartWatcher watch(Path cart, ConsoleSession session) throws IOException {
        AtomicReference<CartWatcher.Outcome> latest = new AtomicReference<>();
        CartWatcher watcher = new CartWatcher(cart, latest::set);
        session.showNotice(watcher.builds() ? "watching sources" : "watching " + cart.getFileName());
        long[] fadeAtNs = {System.nanoTime() + GOOD_NEWS_NS}; // 0: the notice stays
        session.betweenFrames(() -> {
            CartWatcher.Outcome outcome = latest.getAndSet(null);
            long now = System.nanoTime();
            if (outcome != null) {
                Report r = reload(session, outcome);
                session.showNotice(r.text());
                fadeAtNs[0] = r.fades() ? now + GOOD_NEWS_NS : 0;
            } else if (fadeAtNs[0] != 0 && now - fadeAtNs[0] > 0) {
                session.showNotice(null);
                fadeAtNs[0] = 0;
            }
        });
        return watcher;
    }

    /** Applies what the watcher found (game thread); returns what the status line says about it. */
    static Report reload(ConsoleSession session, CartWatcher.Outcome outcome) {
        if (outcome instanceof CartWatcher.Building b) return new Report("building (" + b.changed() + " changed)...", false);
        if (outcome instanceof CartWatcher.Failed f) return new Report(f.line(), false);
        CartWatcher.Loaded loaded = (CartWatcher.Loaded) outcome;
        String failure = session.swapGame(loaded.module());
        if (failure != null) return new Report("not reloaded: " + failure, false);
        return new Report("reloaded in " + (System.nanoTime() - loaded.changedAtNs()) / 1_000_000 + " ms", true);
    }

    /**
     * Hands the terminal back and stops the whole process (SIGSTOP: the shell reports the job as stopped); returns
     * once it is continued ({@code fg}), with the terminal taken again.
     */
    private static void stopUntilContinued(SuspendableTerminal terminal) {
        try {
            terminal.suspend();
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start();
            kill.waitFor();
        } catch (IOException e) {
            // no kill command or no terminal: carry on playing rather than leave the terminal half restored
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                terminal.resume();
            } catch (IOException ignored) {
                // the terminal is gone; the loop ends at its next read
            }
        }
    }

    private static SignalHandler handle(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // not a signal on this platform: job control is then the shell's own
        }
    }

    private static void restoreHandler(String name, SignalHandler previous) {
        if (previous != null) handle(name, previous);
    }
}
