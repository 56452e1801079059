package dev.termcade.ssh;

import com.googlecode.lanterna.TerminalSize;
import dev.termcade.console.Button;
import dev.termcade.console.CartridgeException;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.Game;
import dev.termcade.console.RenderMode;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A shared game: one cart instance ticking at its own rate on the room's own thread, independent of any
 * connection, with up to {@link #seats()} players (each driving their own gamepad) and any number of spectators.
 * Viewers copy its picture and render it for their own terminal.
 * <p>
 * NETPLAY: WASM-4 netplay runs one instance per player, and NETPLAY tells each which player is local. Here all
 * players share one instance and one picture, so there is only one "local" player: the room reports netplay active
 * with player 1 (the first seat) local. Carts use the active bit to know that several humans play (e.g. no
 * computer opponent); anything drawn for "the local player" is what player 1 sees, and every viewer sees the same.
 * <p>
 * Carts on the rocket and termcade ABIs have one seat; everyone else spectates. Their picture normally follows the
 * terminal; in a room it is sized once, when the room opens, to the first player's terminal (at most
 * {@link #MAX_PICTURE} cells, in half blocks), and every viewer fits that picture to its own terminal. They step at
 * the server's frame rate (30 fps by default) on the room's thread, which is also where the player's buttons reach
 * the cart (see {@link Game#button}).
 */
final class Room {
    /** How long a viewer waits for the room's cart to load before giving up. */
    private static final long LOAD_WAIT_MS = 10_000;
    /** The largest picture a room of a terminal-sized cart draws, in cells: every viewer renders all of it. */
    static final TerminalSize MAX_PICTURE = new TerminalSize(160, 50);

    final String name;
    final String cartName;
    private final CompiledModule module;
    private final ConsoleOptions options;
    /** The cells a terminal-sized picture covers (the first player's play area, capped). */
    private final TerminalSize pictureCells;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread thread;
    private volatile Game game;
    private volatile RuntimeException loadError;
    /** The room's own machine, on which its thread runs the cart: closing the room interrupts it. */
    private final Machine machine = new Machine();
    private volatile boolean closing;
    /** Who holds each seat (sanitised user names), null where free; sized once the cart says how many players. */
    private String[] holders = new String[0];
    private int spectators;
    /** When a seat was last held (now, while one is): a spectator of a room nobody plays idles from then on. */
    private long playedNs = System.nanoTime();

    /** A room for {@code cartName}; {@code pictureCells} sizes a picture that would follow the terminal. */
    Room(String name, String cartName, CompiledModule module, ConsoleOptions options, TerminalSize pictureCells) {
        this.name = name;
        this.cartName = cartName;
        this.module = module;
        this.options = options;
        this.pictureCells = new TerminalSize(Math.max(1, Math.min(pictureCells.getColumns(), MAX_PICTURE.getColumns())),
                Math.max(1, Math.min(pictureCells.getRows(), MAX_PICTURE.getRows())));
        this.thread = new Thread(this::tick, "termcade-room-" + name);
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    /** The room's thread: loads the cart, then advances it at its own rate until the room closes. */
    private void tick() {
        Game g;
        try {
            prepareSaveDirectory();
            g = new Game(module, options, machine);
        } catch (RuntimeException e) {
            loadError = e;
            ready.countDown();
            return;
        }
        if (g.players() > 1) g.netplay(0);
        g.sizePicture(pictureCells.getColumns(), pictureCells.getRows(), RenderMode.HALF);
        game = g;
        ready.countDown();
        int rate = g.cartridge().fixedRate();
        long stepNs = 1_000_000_000L / Math.max(1, rate > 0 ? rate : options.fps);
        long next = System.nanoTime();
        try {
            while (!closing) {
                long now = System.nanoTime();
                if (rate > 0) g.advance(now);
                else g.step(stepNs / 1e9);
                next += stepNs;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                    } catch (InterruptedException e) {
                        return;
                    }
                } else if (-sleep > 1_000_000_000L) {
                    next = System.nanoTime(); // a stalled machine: do not try to make up a second or more
                }
            }
        } finally {
            g.close();
        }
    }

    /**
     * Creates the directory of the room's save before the cart runs: a cart's {@code diskw} runs under its frame
     * budget, and the first write's directory creation (and the file system's first use in the process) once took
     * longer than that on a loaded machine, which stopped the room's cart.
     */
    private void prepareSaveDirectory() {
        Path dir = options.diskFile == null ? null : options.diskFile.toAbsolutePath().getParent();
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CartridgeException("cannot create the room's save directory " + dir + ": " + e.getMessage());
        }
    }

    /** The running game, once loaded; throws the cart's error if it could not load. */
    Game awaitGame() throws InterruptedException {
        if (!ready.await(LOAD_WAIT_MS, TimeUnit.MILLISECONDS)) throw new CartridgeException("the room's cart took too long to start");
        if (loadError != null) throw loadError;
        return game;
    }

    /** The game if it has loaded, else null (never waits). */
    Game gameIfRunning() { return game; }

    /** Seats of the cart (1 until it has loaded). */
    synchronized int seats() { return Math.max(1, holders.length); }

    /** Takes the next free seat for {@code user} (0-based), or -1 when all are taken. */
    synchronized int takeSeat(String user, int seats) {
        if (holders.length == 0) holders = new String[seats];
        for (int i = 0; i < holders.length; i++) {
            if (holders[i] == null) {
                holders[i] = user;
                return i;
            }
        }
        return -1;
    }

    synchronized void addSpectator() { spectators++; }

    /** Frees {@code seat} (or a spectator's place for -1) and releases that player's buttons at once. */
    void leave(int seat) {
        synchronized (this) {
            if (seat < 0) spectators--;
            else if (seat < holders.length) {
                holders[seat] = null;
                playedNs = System.nanoTime();
            }
        }
        Game g = game;
        if (seat >= 0 && g != null && g.players() > seat) {
            for (Button b : Button.values()) g.button(seat, b, false);
        }
    }

    /** People in the room (players and spectators). */
    synchronized int people() {
        int n = spectators;
        for (String h : holders) if (h != null) n++;
        return n;
    }

    /** Now while someone holds a seat, else when the last player left (or the room opened). */
    synchronized long playedNs() {
        for (String h : holders) if (h != null) return System.nanoTime();
        return playedNs;
    }

    synchronized int freeSeats() {
        if (holders.length == 0) return 0;
        int n = 0;
        for (String h : holders) if (h == null) n++;
        return n;
    }

    /** The status line's part: room, cart, and who holds each seat. */
    synchronized String describe() {
        StringBuilder sb = new StringBuilder("room ").append(name).append(':');
        for (int i = 0; i < holders.length; i++) sb.append(' ').append(i + 1).append('=').append(holders[i] == null ? "free" : holders[i]);
        if (spectators > 0) sb.append(" +").append(spectators).append(" watching");
        return sb.toString();
    }

    /** Stops the room's thread, whatever the cart is doing (a cart stuck in a call is interrupted). */
    void close() {
        closing = true;
        machine.interrupt("the room closed");
    }

    Thread thread() { return thread; }
}
