package dev.termcade.console;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import dev.termcade.console.wasm4.Wasm4;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Trap;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One player's console: a {@link Game} (cart, picture, clock) shown on a Lanterna screen with a status line, keys
 * and mouse. As a single-player console it owns the game and runs it on the thread that created it; as a viewer of
 * a shared game (a multi-player room) it only renders the game's picture and hands its player's input over.
 */
public final class ConsoleSession {
    /** Trace lines kept for the log pane. */
    private static final int LOG_LINES = 200;

    private final Screen screen;
    /** Not final: a watched cart's new build replaces it ({@link #swapGame}). */
    private Game game;
    private final boolean ownsGame;
    private final int player;
    private Cartridge cart;
    /** The options an owned game is made with (trace into this session's log), kept for {@link #swapGame}. */
    private ConsoleOptions gameOptions;
    private final ConsoleOptions opt;
    /** What is rendered: the game's own picture when this session owns the game, else a copy. */
    private Framebuffer fb;
    private final CellRenderer renderer;
    private final KeyRepeat repeat;
    /** Whether the render mode and scale follow the terminal size (fixed pictures without --render). */
    private boolean autoMode;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private int cols, playRows;
    private boolean paused, showLog;
    private volatile boolean quit;
    private double fps;
    private long lastKeyNs = System.nanoTime();
    private String endReason, notice;
    private volatile long frames;

    /**
     * A single-player console that loads and owns its game, run on {@code machine}; create and run it on the same
     * thread, the one that owns the machine.
     */
    public ConsoleSession(Screen screen, CompiledModule module, ConsoleOptions opt, Machine machine) {
        this(screen, null, module, opt, 0, machine);
    }

    /**
     * A viewer of {@code game}, which another thread advances, for player {@code player} (0-based): it renders the
     * game's picture and sends this player's keys and mouse to it.
     */
    public ConsoleSession(Screen screen, Game game, ConsoleOptions opt, int player) {
        this(screen, game, null, opt, player, null);
    }

    private ConsoleSession(Screen screen, Game shared, CompiledModule module, ConsoleOptions opt, int player, Machine machine) {
        this.screen = screen;
        this.opt = opt;
        this.player = player;
        String term = opt.term != null ? opt.term : System.getenv("TERM");
        String colorTerm = opt.term != null ? opt.colorTerm : System.getenv("COLORTERM");
        CellRenderer.ColorDepth depth = opt.colors != null ? opt.colors : CellRenderer.ColorDepth.detect(colorTerm, term);
        this.ownsGame = shared == null;
        if (ownsGame) {
            Consumer<String> extra = opt.trace;
            ConsoleOptions own = opt.copy();
            own.trace = line -> {
                traced(line);
                if (extra != null) extra.accept(line);
            };
            this.gameOptions = own;
            this.game = new Game(module, own, machine);
        } else {
            this.game = shared;
        }
        this.cart = game.cartridge();
        this.fb = ownsGame ? game.picture() : new Framebuffer(1, 1);
        RenderMode detected = RenderMode.detect(term);
        this.renderer = new CellRenderer(opt.mode != null ? opt.mode : detected, depth);
        this.autoMode = opt.mode == null && fitsPicture() && detected != RenderMode.ASCII;
        this.repeat = new KeyRepeat(opt.keyTiming, this::button);
    }

    private void traced(String line) {
        synchronized (log) {
            if (log.size() == LOG_LINES) log.removeFirst();
            log.addLast(SafeText.of(line, 1000));
        }
    }

    /**
     * Game thread, a console that owns its game: plays {@code module} instead of the current cart, from its start,
     * and repaints. Returns null, or the one line why the new cart cannot play, and then the current cart plays on.
     */
    public String swapGame(CompiledModule module) {
        if (!ownsGame) throw new IllegalStateException("only the console that owns its game can swap it");
        Game next;
        try {
            next = new Game(module, gameOptions, game.machine());
        } catch (Trap e) {
            return e.describe();
        } catch (RuntimeException e) { // CartridgeException, LinkException: the ABI or the imports do not fit
            return SafeText.line(e.getMessage());
        }
        repeat.releaseAll(); // the old cart sees its buttons come up; the new one starts with none held
        Game old = game;
        game = next;
        cart = next.cartridge();
        fb = next.picture();
        autoMode = opt.mode == null && cart.fixedPicture() && renderer.mode() != RenderMode.ASCII; // fitting never picks ASCII
        old.close();
        layout(new TerminalSize(cols, playRows + 1));
        screen.clear();
        repaintRequested = true;
        return null;
    }

    /** Game thread: a short message for the status line (replacing the last one), or null for none. */
    public void showNotice(String message) { notice = message; }

    /** Game thread: runs {@code task} between frames, before the game steps (e.g. to swap in a rebuilt cart). */
    public void betweenFrames(Runnable task) { this.betweenFrames = task; }

    private Runnable betweenFrames;

    public Cartridge cartridge() { return cart; }
    public Game game() { return game; }
    public Framebuffer framebuffer() { return fb; }
    public RuntimeException crash() { return game.crash(); }
    public boolean isPaused() { return paused; }
    public CellRenderer renderer() { return renderer; }

    /** Sizes the picture to the terminal (minus the status line) and tells the cart; fixed pictures are fitted instead. */
    public void layout(TerminalSize size) {
        cols = Math.max(1, size.getColumns());
        playRows = Math.max(1, size.getRows() - 1);
        if (fitsPicture()) {
            if (!ownsGame) game.copyPicture(fb); // a viewer's copy has the size the cart or the room gave the picture
            renderer.fit(fb.width(), fb.height(), cols, playRows, autoMode, opt.scale);
            return;
        }
        game.sizePicture(cols, playRows, renderer.mode());
    }

    /**
     * Whether the picture keeps its own size and is fitted to the terminal: a fixed picture (WASM-4), or any picture
     * of a game someone else runs (a room sizes it once for everyone).
     */
    private boolean fitsPicture() { return cart.fixedPicture() || !ownsGame; }

    /** Advances the game by {@code dt} seconds, one frame (unless paused or crashed, or the game is someone else's). */
    public void step(double dt) {
        if (paused || !ownsGame) return;
        game.step(dt);
    }

    public void button(Button b, boolean down) {
        if (player >= 0) game.button(player, b, down); // a negative player only watches
    }

    /** Renders the framebuffer, the status line and any crash report, then sends only what changed. */
    public void present() throws IOException {
        if (!ownsGame) game.copyPicture(fb);
        renderer.render(fb, screen, cols, playRows);
        if (showLog) drawLog();
        RuntimeException crash = game.crash();
        if (crash != null) drawCrash(crash);
        drawStatus();
        screen.refresh(Screen.RefreshType.DELTA);
    }

    private void drawLog() {
        TextGraphics g = screen.newTextGraphics();
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        int height = Math.max(1, Math.min(playRows, 12));
        List<String> lines;
        synchronized (log) {
            lines = new ArrayList<>(log);
        }
        int first = Math.max(0, lines.size() - (height - 1));
        String title = " trace log (" + lines.size() + " lines, t hides) ";
        for (int r = 0; r < height; r++) {
            String s = r == 0 ? title : first + r - 1 < lines.size() ? lines.get(first + r - 1) : "";
            s = s.length() > cols ? s.substring(0, cols) : s + " ".repeat(cols - s.length());
            g.putString(0, playRows - height + r, s);
        }
    }

    private void drawCrash(RuntimeException crash) {
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

    /** The status line fitted to {@code width} columns (see {@link StatusLine}). */
    String statusText(int width) {
        List<String> facts = new ArrayList<>();
        OptionalLong score = cart.score();
        if (score.isPresent()) facts.add("Score: " + score.getAsLong());
        if (opt.status != null) facts.add(opt.status.get());
        if (notice != null) facts.add(notice);
        List<String> hints;
        if (game.crash() != null) {
            facts.add("CRASHED");
            hints = List.of("q quit");
        } else if (paused) {
            facts.add("PAUSED");
            hints = List.of("p resume", "q quit");
        } else {
            hints = StatusLine.hints(cart.keys());
        }
        String name = SafeText.of((cart.title() != null ? cart.title() : opt.cartName).toUpperCase(Locale.ROOT), 40);
        return StatusLine.fit(name, facts, Math.round(fps) + " fps", hints, width, renderer.mode() == RenderMode.ASCII);
    }

    private void drawStatus() {
        String s = statusText(cols);
        if (s.length() < cols) s = s + " ".repeat(cols - s.length());
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
        if (k instanceof KittyKeys.Support) { // the terminal's answer to KittyKeys.ENABLE, not a key
            if (((KittyKeys.Support) k).reportsReleases()) repeat.useRealReleases();
            return true;
        }
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
            if (b != null && !paused && game.crash() == null) repeat.pressed(b, nowNs);
            return true;
        }
        KeyType t = k.getKeyType();
        if (k instanceof MouseAction) {
            mouse((MouseAction) k);
            return true;
        }
        if (t == KeyType.F12 && opt.screenshots) {
            notice = screenshot();
            return true;
        }
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
            if (k.isCtrlDown() && c == 'z') {
                requestSuspend();
                return true;
            }
            if (c == 'p' && ownsGame) {
                paused = !paused;
                if (paused) repeat.releaseAll();
                else if (cart.fixedRate() > 0) game.restartClock(nowNs);
                return true;
            }
            if (c == 't') {
                showLog = !showLog;
                return true;
            }
        }
        Button b = buttonOf(k);
        if (b == null) return true;
        if (!paused && game.crash() == null) repeat.pressed(b, nowNs);
        return true;
    }

    /** Lets go of taps whose time is up and of held keys whose repeats stopped (once per frame, before the step). */
    void tickKeys(long nowNs) { repeat.tick(nowNs); }

    private int mouseButtons;

    /** Terminal mouse reports, in cells, become picture pixels at the centre of the cell's pixels. */
    private void mouse(MouseAction m) {
        int bit;
        switch (m.getButton()) {
            case 1: bit = Wasm4.MOUSE_LEFT; break;
            case 2: bit = Wasm4.MOUSE_MIDDLE; break;
            case 3: bit = Wasm4.MOUSE_RIGHT; break;
            default: bit = 0; break;
        }
        switch (m.getActionType()) {
            case CLICK_DOWN: mouseButtons |= bit; break;
            case CLICK_RELEASE: mouseButtons &= bit == 0 ? 0 : ~bit; break;
            default: break;
        }
        int[] p = renderer.pictureOf(m.getPosition().getColumn(), m.getPosition().getRow());
        if (player >= 0) game.mouse(p[0], p[1], mouseButtons);
    }

    /** Saves the picture as a PNG in the current directory; returns what to tell the player. */
    private String screenshot() {
        try {
            Path file = Path.of(opt.cartName + "-" + System.currentTimeMillis() / 1000 + ".png");
            synchronized (game.picture()) {
                Screenshot.write(game.picture(), file);
            }
            return "saved " + file;
        } catch (IOException e) {
            return "screenshot failed: " + e.getMessage();
        }
    }

    private Button buttonOf(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowLeft: return Button.LEFT;
            case ArrowRight: return Button.RIGHT;
            case ArrowUp: return Button.UP;
            case ArrowDown: return Button.DOWN;
            case Enter: return Button.START;
            case Tab: return Button.SELECT;
            case Character: {
                char c = Character.toLowerCase(k.getCharacter());
                return c == ' ' ? cart.buttonForKey("space") : Character.isLetter(c) ? cart.buttonForKey(String.valueOf(c)) : null;
            }
            default: return null;
        }
    }

    /**
     * Asks the terminal for real key release events (kitty keyboard protocol) through {@code raw}, the stream the
     * terminal writes to; {@link #run()} pops the request when it ends. Terminals without the protocol ignore it.
     */
    public void enableKeyEvents(java.io.OutputStream raw) throws IOException {
        if (cart.fixedPicture() && screen instanceof com.googlecode.lanterna.screen.TerminalScreen
                && ((com.googlecode.lanterna.screen.TerminalScreen) screen).getTerminal() instanceof ExtendedTerminal) {
            // WASM-4 carts read the mouse: ask for presses, releases, drags and moves; run() turns it off again.
            mouseTerminal = (ExtendedTerminal) ((com.googlecode.lanterna.screen.TerminalScreen) screen).getTerminal();
            mouseTerminal.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE_DRAG_MOVE);
        }
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
    private volatile boolean suspendRequested, repaintRequested;
    private Runnable suspender;

    /**
     * What Ctrl-Z (or a SIGTSTP) does: hand the terminal back to the shell and stop the process until {@code fg}.
     * Runs on the loop's thread, so the game is paused for as long as it takes.
     */
    public void onSuspend(Runnable suspender) { this.suspender = suspender; }

    /** Asks the loop to suspend at its next frame. Any thread (a signal handler). */
    public void requestSuspend() { suspendRequested = true; }

    /** Asks the loop to repaint the whole terminal at its next frame (after SIGCONT). Any thread. */
    public void requestRepaint() { repaintRequested = true; }

    /** Suspends if asked; true when it did, so the caller restarts its frame clock. */
    private boolean suspendIfRequested() throws IOException {
        if (!suspendRequested) return false;
        suspendRequested = false;
        if (suspender == null) return false;
        repeat.releaseAll();
        if (mouseTerminal != null) mouseTerminal.setMouseCaptureMode(null);
        if (keyEventsOut != null) {
            keyEventsOut.write(KittyKeys.DISABLE);
            keyEventsOut.flush();
        }
        suspender.run();
        if (keyEventsOut != null) {
            keyEventsOut.write(KittyKeys.ENABLE);
            keyEventsOut.flush();
        }
        if (mouseTerminal != null) mouseTerminal.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE_DRAG_MOVE);
        screen.refresh(Screen.RefreshType.COMPLETE);
        return true;
    }
    private ExtendedTerminal mouseTerminal;

    /** The interactive loop at the target frame rate, until the player quits. */
    public void run() throws IOException {
        layout(screen.getTerminalSize());
        long frameNs = 1_000_000_000L / Math.max(1, opt.fps);
        long last = System.nanoTime();
        long next = last;
        // The fps shown is what the player sees: frames presented in the last whole second of wall time.
        long fpsWindowStart = last;
        int fpsWindowFrames = 0;
        measuredFps(opt.fps);
        try {
            while (!quit) {
                long now = System.nanoTime();
                KeyStroke k;
                while ((k = screen.pollInput()) != null) if (!key(k, now)) break;
                if (quit) break;
                if (suspendIfRequested()) {
                    now = last = next = System.nanoTime();
                    lastKeyNs = now;
                    if (ownsGame && cart.fixedRate() > 0) game.restartClock(now);
                }
                if (repaintRequested) {
                    repaintRequested = false;
                    screen.refresh(Screen.RefreshType.COMPLETE);
                }
                if (betweenFrames != null) betweenFrames.run();
                tickKeys(now);
                if (opt.idleTimeoutMs > 0 && now - lastKeyNs > opt.idleTimeoutMs * 1_000_000L) {
                    endReason = "no key pressed for " + opt.idleTimeoutMs / 1000 + " s";
                    break;
                }
                TerminalSize resized = screen.doResizeIfNecessary();
                if (resized != null) layout(resized);
                double dt = Math.min((now - last) / 1e9, 0.1);
                last = now;
                if (now - fpsWindowStart >= 1_000_000_000L) {
                    measuredFps(fpsWindowFrames * 1e9 / (now - fpsWindowStart));
                    fpsWindowStart = now;
                    fpsWindowFrames = 0;
                }
                // Fixed-rate carts run every update due by now, however long the last refresh took.
                if (cart.fixedRate() > 0) {
                    if (ownsGame && !paused) game.advance(now);
                } else {
                    step(dt);
                }
                present();
                frames++;
                fpsWindowFrames++;
                // A late frame is not made up with a burst of extra ones: the next frame is due a full frame after
                // this one at the earliest (the game clock catches up on its own; rendering need not).
                long presented = System.nanoTime();
                next = next + frameNs < presented ? presented + frameNs : next + frameNs;
                long sleep = next - presented;
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            if (ownsGame) game.close();
            if (keyEventsOut != null) {
                try {
                    if (mouseTerminal != null) mouseTerminal.setMouseCaptureMode(null);
                    keyEventsOut.write(KittyKeys.DISABLE);
                    keyEventsOut.flush();
                } catch (IOException ignored) {
                    // the terminal is gone
                }
            }
        }
    }

    public void close() {
        if (ownsGame) game.close();
    }

    /** Why the loop ended by itself (idle timeout), or null if the player quit. */
    public String endReason() { return endReason; }

    /** Frames presented by {@link #run()}. */
    public long frames() { return frames; }

    /** Asks a running loop to end at its next frame (e.g. the server is shutting down). Any thread. */
    public void stop() { quit = true; }
}
