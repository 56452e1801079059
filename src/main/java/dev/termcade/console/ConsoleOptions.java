package dev.termcade.console;

import dev.termcade.vm.ResourceLimits;

/** Settings of a console session; defaults suit a local game. */
public final class ConsoleOptions {
    /**
     * The largest terminal a session is drawn for: beyond any real screen, while a hostile size (10000x10000 would
     * need gigabytes of framebuffer and screen buffers) is refused.
     */
    public static final int MAX_COLUMNS = 500, MAX_ROWS = 200;

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
}
