package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Watchdog;

/**
 * One running cart and its picture. One thread, the game thread, creates it and advances it (the cart's calls
 * run on that thread's machine, which the watchdog interrupts); viewers on other threads hand it input and copy
 * the picture. Carts with a fixed update rate (WASM-4: 60 Hz) run on a fixed-step clock that catches up after a
 * slow frame, so a slow terminal or link never slows the game; the others step once per rendered frame.
 */
public final class Game implements AutoCloseable {
    /** Behind by more than this, the clock gives up catching up (a stalled machine, a debugger). */
    private static final long MAX_CATCH_UP_NS = 1_000_000_000L;

    private final Framebuffer picture = new Framebuffer(1, 1);
    private final Cartridge cart;
    private final Watchdog.Timer timer;
    private final Cartridge.FramePhase phase;
    private volatile RuntimeException crash;
    private volatile long updates;
    private long clockOriginNs = Long.MIN_VALUE, clockUpdates;

    /** Loads the cart; call on the game thread. Throws {@link CartridgeException} if it cannot play. */
    public Game(CompiledModule module, ConsoleOptions opt) {
        this.timer = Watchdog.forCurrentThread("cart did not return from ");
        this.phase = export -> timer.arm(export, opt.frameBudgetMs);
        try {
            this.cart = Cartridge.load(module, picture, opt);
        } catch (RuntimeException e) {
            timer.close();
            throw e;
        }
    }

    public Cartridge cartridge() { return cart; }

    /** The picture the cart draws; lock it (synchronized) to read it from another thread, or use {@link #copyPicture}. */
    public Framebuffer picture() { return picture; }

    public int players() { return cart.players(); }

    /** What stopped the cart (a trap, the watchdog), or null while it runs. */
    public RuntimeException crash() { return crash; }

    /** Frames (updates) run so far. */
    public long updates() { return updates; }

    /** Runs {@code r} on the game thread's machine; a trap or cart error becomes the crash. */
    void guarded(Runnable r) {
        if (crash != null) return;
        try {
            r.run();
        } catch (Trap | CartridgeException e) {
            crash = e;
        } finally {
            timer.disarm();
        }
    }

    /** One frame of {@code dt} seconds (game thread). */
    public void step(double dt) {
        guarded(() -> cart.frame(dt, phase));
        updates++;
    }

    /**
     * Game thread: runs every update due by {@code nowNs} on the fixed-step clock (the first call starts the clock
     * and runs one); returns how many ran. For carts without a fixed rate, use {@link #step}.
     */
    public int advance(long nowNs) {
        double stepSeconds = cart.fixedStep();
        if (stepSeconds <= 0) throw new IllegalStateException("the cart has no fixed update rate");
        long stepNanos = Math.round(stepSeconds * 1e9);
        if (clockOriginNs == Long.MIN_VALUE || nowNs - due(stepNanos) > MAX_CATCH_UP_NS) restartClock(nowNs);
        int ran = 0;
        while (crash == null && nowNs >= due(stepNanos)) {
            step(stepSeconds);
            clockUpdates++;
            ran++;
        }
        return ran;
    }

    /** The time the next update is due: exact multiples of the step from the origin, so the rate never drifts. */
    private long due(long stepNanos) {
        return clockOriginNs + clockUpdates * stepNanos;
    }

    /** Starts the clock afresh at {@code nowNs} (after a pause: paused time is not made up). */
    public void restartClock(long nowNs) {
        clockOriginNs = nowNs;
        clockUpdates = 0;
    }

    /** Any thread: player {@code player}'s button (for single-player carts only player 0 counts, on the game thread). */
    public void button(int player, Button b, boolean down) {
        if (cart.players() > 1) cart.button(player, b, down);
        else guarded(() -> {
            phase.enter("a button toggle");
            cart.button(player, b, down);
        });
    }

    /** Any thread: the mouse in picture pixels and its buttons (1 left, 2 right, 4 middle). */
    public void mouse(int x, int y, int buttons) { cart.mouse(x, y, buttons); }

    /** Any thread: several screens share this game; {@code localPlayer} is the one this instance stands for. */
    public void netplay(int localPlayer) { cart.netplay(localPlayer); }

    /** Any thread: copies the current picture into {@code into} (resized to match). */
    public void copyPicture(Framebuffer into) {
        synchronized (picture) {
            into.copyFrom(picture);
        }
    }

    /** The cart's linear memory now (a copy), or an empty array if it has none. */
    public byte[] memory() {
        var m = cart.instance() == null ? null : cart.instance().memory();
        return m == null ? new byte[0] : m.array().clone();
    }

    @Override public void close() {
        timer.close();
        cart.close();
    }
}
