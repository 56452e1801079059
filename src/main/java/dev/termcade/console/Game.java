package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Watchdog;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running cart and its picture. One thread, the game thread, creates it and advances it (the cart's calls
 * run on the game's {@link Machine}, which the watchdog interrupts, as may whoever stops the game); viewers on other threads hand it input and copy
 * the picture. Carts with a fixed update rate (WASM-4: 60 Hz) run on a fixed-step clock that catches up after a
 * slow frame, so a slow terminal or link never slows the game; the others step once per rendered frame.
 * <p>
 * Single-player carts (rocket, termcade) take input only on the game thread (the rocket ABI's {@code toggle_*} are
 * cart calls): buttons from other threads (a viewer in an SSH room) are handed over and applied at the next step.
 * Their picture is drawn in place over the frame's calls, so viewers copy a finished frame instead, published after
 * each step once anyone has asked for a copy: the lock is held for a copy, never for a cart call (a room's thread
 * descheduled mid-frame must not stall every viewer).
 */
public final class Game implements AutoCloseable {
    /** Behind by more than this, the clock gives up catching up (a stalled machine, a debugger). */
    private static final long MAX_CATCH_UP_NS = 1_000_000_000L;

    private final Framebuffer picture = new Framebuffer(1, 1);
    /** What other threads copy: the picture itself when the cart fills it under its lock (fixed pictures), else the last finished frame. */
    private final Framebuffer shown;
    /** Whether another thread has asked for the picture: until then there is nothing to publish (a game played alone). */
    private volatile boolean viewed;
    private final Cartridge cart;
    private final Machine machine;
    private final Watchdog.Timer timer;
    private final Cartridge.FramePhase phase;
    private final ConsoleOptions opt;
    private final Thread gameThread = Thread.currentThread();
    /**
     * Buttons handed over from other threads (bits of {@link Button#bit}): those held now, and those pressed since the
     * last step, so a press released again before the step still reaches the cart for one step.
     */
    private final AtomicInteger heldElsewhere = new AtomicInteger(), pressedElsewhere = new AtomicInteger();
    /** Game thread: the handed-over buttons the cart was last told are down. */
    private int handedOverDown;
    private volatile RuntimeException crash;
    private volatile long updates;
    private long clockOriginNs = Long.MIN_VALUE, clockUpdates;

    /**
     * Loads the cart, whose calls run on {@code machine} (the game thread's own); call on the game thread. Throws
     * {@link CartridgeException} if it cannot play.
     */
    public Game(CompiledModule module, ConsoleOptions opt, Machine machine) {
        this.opt = opt;
        this.machine = machine;
        this.timer = Watchdog.timer(machine, "cart did not return from ");
        this.phase = export -> timer.arm(export, opt.frameBudgetMs);
        try {
            // Instantiation runs the cart's own code too (the start section): the same budget bounds it.
            this.cart = timer.within("its start section", opt.frameBudgetMs, () -> Cartridge.load(module, picture, opt, machine));
            this.shown = cart.fixedPicture() ? picture : new Framebuffer(1, 1);
        } catch (RuntimeException e) {
            timer.close();
            throw e;
        }
    }

    public Cartridge cartridge() { return cart; }

    /** The machine the cart's calls run on: interrupt it to stop a call that does not return. */
    public Machine machine() { return machine; }

    /** The picture the cart draws, for the game thread; other threads use {@link #copyPicture}. */
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

    /** Tells the cart its world size (the rocket ABI's {@code resize}), under the frame budget (game thread). */
    private void resize(double worldW, double worldH) {
        guarded(() -> {
            phase.enter("resize()");
            cart.resize(worldW, worldH);
        });
    }

    /**
     * Game thread: sizes a picture that follows the terminal to {@code cols x rows} cells of {@code mode} and tells the
     * cart its world size (forced by the options, else derived from the cells). Fixed pictures keep their size.
     */
    public void sizePicture(int cols, int rows, RenderMode mode) {
        if (cart.fixedPicture()) return;
        picture.resize(cols * mode.pixelsPerColumn(), rows * mode.pixelsPerRow());
        resize(opt.worldWidth > 0 ? opt.worldWidth : cols * opt.unitsPerColumn, opt.worldHeight > 0 ? opt.worldHeight : rows * opt.unitsPerRow);
        publish(); // viewers fit the picture to their terminal by its size: it has one from now on
    }

    /** Game thread: makes the finished frame of a picture drawn in place the one other threads copy. */
    private void publish() {
        synchronized (shown) {
            shown.copyFrom(picture);
        }
    }

    private double stepSeconds;
    /** One frame of {@link #stepSeconds}, built once so a frame allocates nothing. */
    private final Runnable frame = this::frame;

    private void frame() {
        applyHandedOverButtons();
        cart.frame(stepSeconds, phase);
        if (shown != picture && viewed) publish(); // fixed pictures are filled under the lock by the cart itself
    }

    /** Game thread: tells a single-player cart about the buttons other threads changed since the last step. */
    private void applyHandedOverButtons() {
        int down = heldElsewhere.get() | pressedElsewhere.getAndSet(0);
        int changed = down ^ handedOverDown;
        if (changed == 0) return;
        handedOverDown = down;
        phase.enter("a button toggle");
        for (Button b : Button.VALUES) {
            if ((changed & b.bit) != 0) cart.button(b, (down & b.bit) != 0);
        }
    }

    /** One frame of {@code dt} seconds (game thread). */
    public void step(double dt) {
        stepSeconds = dt;
        guarded(frame);
        updates++;
    }

    /**
     * Game thread: runs every update due by {@code nowNs} on the fixed-step clock (the first call starts the clock
     * and runs one); returns how many ran. For carts without a fixed rate, use {@link #step}.
     */
    public int advance(long nowNs) {
        int rate = cart.fixedRate();
        if (rate <= 0) throw new IllegalStateException("the cart has no fixed update rate");
        if (clockOriginNs == Long.MIN_VALUE || nowNs - due(rate) > MAX_CATCH_UP_NS) restartClock(nowNs);
        int ran = 0;
        while (crash == null && nowNs >= due(rate)) {
            step(1.0 / rate);
            clockUpdates++;
            ran++;
        }
        return ran;
    }

    /** When the next update is due: update k at exactly k/rate seconds from the origin, so the rate never drifts. */
    private long due(int rate) {
        return clockOriginNs + clockUpdates * 1_000_000_000L / rate;
    }

    /** Starts the clock afresh at {@code nowNs} (after a pause: paused time is not made up). */
    public void restartClock(long nowNs) {
        clockOriginNs = nowNs;
        clockUpdates = 0;
    }

    /**
     * Any thread: player {@code player}'s button. Single-player carts only have player 0, told at once on the game
     * thread, else handed over to the next step.
     */
    public void button(int player, Button b, boolean down) {
        if (cart.players() > 1) {
            cart.button(player, b, down);
        } else if (player != 0) {
            return;
        } else if (Thread.currentThread() == gameThread) {
            guarded(() -> {
                phase.enter("a button toggle");
                cart.button(b, down);
            });
        } else if (down) {
            heldElsewhere.getAndAccumulate(b.bit, (bits, bit) -> bits | bit);
            pressedElsewhere.getAndAccumulate(b.bit, (bits, bit) -> bits | bit);
        } else {
            heldElsewhere.getAndAccumulate(b.bit, (bits, bit) -> bits & ~bit);
        }
    }

    /** Any thread: the mouse in picture pixels and its buttons (1 left, 2 right, 4 middle). */
    public void mouse(int x, int y, int buttons) { cart.mouse(x, y, buttons); }

    /** Any thread: several screens share this game; {@code localPlayer} is the one this instance stands for. */
    public void netplay(int localPlayer) { cart.netplay(localPlayer); }

    /** Any thread: copies the current picture into {@code into} (resized to match). */
    public void copyPicture(Framebuffer into) {
        if (Thread.currentThread() == gameThread && shown != picture) {
            into.copyFrom(picture); // between steps the game thread's own picture is a finished frame
            return;
        }
        viewed = true;
        synchronized (shown) {
            into.copyFrom(shown);
        }
    }

    /** The cart's linear memory now (a copy), or an empty array if it has none. */
    public byte[] memory() {
        var m = cart.instance() == null ? null : cart.instance().memory();
        if (m == null) return new byte[0];
        byte[] copy = new byte[m.byteSize()];
        m.read(0, copy, 0, copy.length);
        return copy;
    }

    @Override public void close() {
        timer.close();
        cart.close();
    }
}
