package dev.termcade.console;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Watchdog;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One player's console: a cartridge instance, its framebuffer, a Lanterna screen and the game loop. Create and
 * run it on the same thread (the cart's calls run on that thread's machine, which the watchdog interrupts).
 */
public final class ConsoleSession {
    private final Screen screen;
    private final Cartridge cart;
    private final ConsoleOptions opt;
    private final Framebuffer fb = new Framebuffer(1, 1);
    private final CellRenderer renderer;
    private final Watchdog.Timer timer;
    private final Cartridge.FramePhase phase;
    private final KeyRepeat repeat;
    private int cols, playRows;
    private RuntimeException crash;
    private boolean paused;
    private volatile boolean quit;
    private double fps;
    private long lastKeyNs = System.nanoTime();
    private String endReason;
    private volatile long frames;

    public ConsoleSession(Screen screen, CompiledModule module, ConsoleOptions opt) {
        this.screen = screen;
        this.opt = opt;
        String term = opt.term != null ? opt.term : System.getenv("TERM");
        String colorTerm = opt.term != null ? opt.colorTerm : System.getenv("COLORTERM");
        RenderMode mode = opt.mode != null ? opt.mode : RenderMode.detect(term);
        CellRenderer.ColorDepth depth = opt.colors != null ? opt.colors : CellRenderer.ColorDepth.detect(colorTerm, term);
        this.renderer = new CellRenderer(mode, depth);
        this.timer = Watchdog.forCurrentThread("cart did not return from ");
        this.phase = export -> timer.arm(export, opt.frameBudgetMs);
        try {
            // Instantiation runs the cart's own code too (the start section): the same budget bounds it.
            this.cart = timer.within("its start section", opt.frameBudgetMs, () -> Cartridge.load(module, fb, opt.limits, opt.seed));
        } catch (RuntimeException e) {
            timer.close();
            throw e;
        }
        this.repeat = new KeyRepeat(600, 150, this::button);
    }

    public Cartridge cartridge() { return cart; }
    public Framebuffer framebuffer() { return fb; }
    public RuntimeException crash() { return crash; }
    public boolean isPaused() { return paused; }

    /** Sizes the framebuffer to the terminal (minus the status line) and tells the cart. */
    public void layout(TerminalSize size) {
        cols = Math.max(1, size.getColumns());
        playRows = Math.max(1, size.getRows() - 1);
        RenderMode m = renderer.mode();
        fb.resize(cols * m.pixelsPerColumn(), playRows * m.pixelsPerRow());
        double w = opt.worldWidth > 0 ? opt.worldWidth : cols * opt.unitsPerColumn;
        double h = opt.worldHeight > 0 ? opt.worldHeight : playRows * opt.unitsPerRow;
        guarded(() -> {
            phase.enter("resize()");
            cart.resize(w, h);
        });
    }

    private void guarded(Runnable r) {
        if (crash != null) return;
        try {
            r.run();
        } catch (Trap | CartridgeException e) {
            crash = e;
        } finally {
            timer.disarm();
        }
    }

    /** Advances the game by {@code dt} seconds (unless paused or crashed) and draws it into the framebuffer. */
    public void step(double dt) {
        if (paused) return;
        guarded(() -> cart.frame(dt, phase));
    }

    public void button(Button b, boolean down) {
        guarded(() -> {
            phase.enter("a button toggle");
            cart.button(b, down);
        });
    }

    /** Renders the framebuffer, the status line and any crash report, then sends only what changed. */
    public void present() throws IOException {
        renderer.render(fb, screen, cols, playRows);
        if (crash != null) drawCrash();
        drawStatus();
        screen.refresh(Screen.RefreshType.DELTA);
    }

    private void drawCrash() {
        List<String> lines = new ArrayList<>();
        lines.add("The cart stopped: " + crash.getMessage());
        if (crash instanceof Trap) {
            List<String> bt = ((Trap) crash).backtrace();
            for (int i = 0; i < bt.size() && i < playRows - 3; i++) lines.add("  " + i + ": " + bt.get(i));
        }
        lines.add("Press q to quit.");
        TextGraphics g = screen.newTextGraphics();
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.setBackgroundColor(TextColor.ANSI.RED);
        for (int i = 0; i < lines.size() && i + 1 < playRows; i++) {
            String safe = SafeText.of(lines.get(i), Math.max(1, cols - 2));
            g.putString(1, i + 1, safe.length() > cols - 2 ? safe.substring(0, Math.max(0, cols - 2)) : safe);
        }
    }

    String statusText() {
        StringBuilder sb = new StringBuilder(" ").append(SafeText.of(opt.cartName.toUpperCase(Locale.ROOT), 40));
        OptionalLong score = cart.score();
        if (score.isPresent()) sb.append(" \u2502 Score: ").append(score.getAsLong());
        sb.append(" \u2502 ").append(Math.round(fps)).append(" fps");
        if (crash != null) sb.append(" \u2502 CRASHED  q quit");
        else if (paused) sb.append(" \u2502 PAUSED  p resume  q quit");
        else sb.append(" \u2502 ").append(cart.keyHelp());
        return sb.toString();
    }

    private void drawStatus() {
        String s = statusText();
        if (s.length() < cols) s = s + " ".repeat(cols - s.length());
        else s = s.substring(0, cols);
        TextGraphics g = screen.newTextGraphics();
        if (renderer.mode() != RenderMode.ASCII) {
            g.setForegroundColor(TextColor.ANSI.BLACK);
            g.setBackgroundColor(TextColor.ANSI.WHITE);
        } else {
            g.enableModifiers(SGR.REVERSE);
        }
        g.putString(0, playRows, s);
    }

    void measuredFps(double f) { fps = f; }

    /** Handles a key from the terminal; returns false when the player asked to quit. */
    public boolean key(KeyStroke k, long nowNs) {
        if (k == null) return true;
        lastKeyNs = nowNs;
        int event = k instanceof KittyKeys.Event ? ((KittyKeys.Event) k).eventType() : KittyKeys.PRESS;
        if (event == KittyKeys.RELEASE) {
            repeat.useRealReleases();
            Button b = buttonOf(k);
            if (b != null) repeat.released(b);
            return true;
        }
        if (event == KittyKeys.REPEAT) {
            Button b = buttonOf(k);
            if (b != null && !paused && crash == null) repeat.pressed(b, nowNs);
            return true;
        }
        KeyType t = k.getKeyType();
        if (t == KeyType.EOF || t == KeyType.Escape) {
            quit = true;
            return false;
        }
        if (t == KeyType.Character) {
            char c = Character.toLowerCase(k.getCharacter());
            if (c == 'q' || (k.isCtrlDown() && c == 'c')) {
                quit = true;
                return false;
            }
            if (c == 'p') {
                paused = !paused;
                if (paused) repeat.releaseAll();
                return true;
            }
        }
        Button b = buttonOf(k);
        if (b == null) return true;
        if (!paused && crash == null) repeat.pressed(b, nowNs);
        return true;
    }

    private static Button buttonOf(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowLeft: return Button.LEFT;
            case ArrowRight: return Button.RIGHT;
            case ArrowUp: return Button.UP;
            case ArrowDown: return Button.DOWN;
            case Enter: return Button.START;
            case Tab: return Button.SELECT;
            case Character:
                switch (Character.toLowerCase(k.getCharacter())) {
                    case ' ': case 'z': return Button.A;
                    case 'x': return Button.B;
                    case 'w': return Button.UP;
                    case 'a': return Button.LEFT;
                    case 's': return Button.DOWN;
                    case 'd': return Button.RIGHT;
                    default: return null;
                }
            default: return null;
        }
    }

    /**
     * Asks the terminal for real key release events (kitty keyboard protocol) through {@code raw}, the stream the
     * terminal writes to; {@link #run()} pops the request when it ends. Terminals without the protocol ignore it.
     */
    public void enableKeyEvents(java.io.OutputStream raw) throws IOException {
        if (screen instanceof com.googlecode.lanterna.screen.TerminalScreen) {
            var t = ((com.googlecode.lanterna.screen.TerminalScreen) screen).getTerminal();
            if (t instanceof com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal) {
                ((com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal) t).getInputDecoder().addProfile(() -> List.of(new KittyKeys.Pattern()));
            }
        }
        raw.write(KittyKeys.ENABLE);
        raw.flush();
        keyEventsOut = raw;
    }

    private java.io.OutputStream keyEventsOut;

    /** The interactive loop at the target frame rate, until the player quits. */
    public void run() throws IOException {
        layout(screen.getTerminalSize());
        long frameNs = 1_000_000_000L / Math.max(1, opt.fps);
        long last = System.nanoTime();
        long next = last;
        double fpsAvg = opt.fps;
        try {
            while (!quit) {
                long now = System.nanoTime();
                KeyStroke k;
                while ((k = screen.pollInput()) != null) if (!key(k, now)) break;
                if (quit) break;
                repeat.tick(now);
                if (opt.idleTimeoutMs > 0 && now - lastKeyNs > opt.idleTimeoutMs * 1_000_000L) {
                    endReason = "no key pressed for " + opt.idleTimeoutMs / 1000 + " s";
                    break;
                }
                TerminalSize resized = screen.doResizeIfNecessary();
                if (resized != null) layout(resized);
                double dt = Math.min((now - last) / 1e9, 0.1);
                if (dt > 0) fpsAvg = fpsAvg * 0.9 + 0.1 / Math.max(dt, 1e-3);
                last = now;
                measuredFps(fpsAvg);
                step(dt);
                present();
                frames++;
                next += frameNs;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else if (-sleep > frameNs) {
                    next = System.nanoTime();
                }
            }
        } finally {
            timer.close();
            if (keyEventsOut != null) {
                try {
                    keyEventsOut.write(KittyKeys.DISABLE);
                    keyEventsOut.flush();
                } catch (IOException ignored) {
                    // the terminal is gone
                }
            }
        }
    }

    public void close() { timer.close(); }

    /** Why the loop ended by itself (idle timeout), or null if the player quit. */
    public String endReason() { return endReason; }

    /** Frames presented by {@link #run()}. */
    public long frames() { return frames; }

    /** Asks a running loop to end at its next frame (e.g. the server is shutting down). Any thread. */
    public void stop() { quit = true; }
}
