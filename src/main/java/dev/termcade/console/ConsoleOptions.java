package dev.termcade.console;

import dev.termcade.vm.ResourceLimits;

/** Settings of a console session; defaults suit a local game. */
public final class ConsoleOptions implements Cloneable {
    /**
     * The largest terminal a session is drawn for: beyond any real screen, while a hostile size (10000x10000 would
     * need gigabytes of framebuffer and screen buffers) is refused.
     */
    public static final int MAX_COLUMNS = 500, MAX_ROWS = 200;

    /** A copy to adjust for one session. */
    public ConsoleOptions copy() {
        try {
            return (ConsoleOptions) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public int fps = 30;
    /** Null: detect from the terminal. */
    public RenderMode mode;
    /** Null: detect from the environment. */
    public CellRenderer.ColorDepth colors;
    public long frameBudgetMs = 1000;
    /** Forced world size for the rocket ABI's resize (0: derived from the terminal). */
    public double worldWidth, worldHeight;
    public String cartName = "cart";
    public long seed = 1;
    public ResourceLimits limits = ResourceLimits.CARTRIDGE;
    /** The client's TERM and COLORTERM (null: this process's environment), for render-mode and colour detection. */
    public String term, colorTerm;
    /** End the session after this long without a key press (0: never). */
    public long idleTimeoutMs;
    /** World units per terminal column and row when the world size is derived: a cell is about twice as tall as wide. */
    public double unitsPerColumn = 4, unitsPerRow = 8;
    /** Fixed-picture carts (WASM-4): terminal pixels per picture pixel are divided by this (0: the largest that fits). */
    public int scale;
    /** WASM-4 save file (null: an empty disk that is not saved). Over SSH, one per player. */
    public java.nio.file.Path diskFile;
    /** Where the cart's trace output goes besides the session's log pane (headless: stderr); null for nowhere. */
    public java.util.function.Consumer<String> trace;
    /** Makes the WASM-4 sound chip that {@code tone} plays on; silent unless playing locally with sound. */
    public java.util.function.Supplier<dev.termcade.console.wasm4.Wasm4Sound> wasm4Sound = () -> dev.termcade.console.wasm4.Wasm4Sound.SILENT;
    /** How key presses are read into button holds (see {@link KeyRepeat.Timing}). */
    public KeyRepeat.Timing keyTiming = KeyRepeat.Timing.DEFAULT;
    /** More for the status line (an SSH room: who holds which seat); null for nothing. */
    public java.util.function.Supplier<String> status;
    /** Whether the screenshot key saves a PNG in the current directory (never over SSH: players write no server files). */
    public boolean screenshots = true;
    /** Interactive play: the longest practice run before the first frame ({@link PracticeRun}); 0 for none. Headless runs never practise. */
    public long practiceMillis = PracticeRun.DEFAULT_MAX_MILLIS;
}
