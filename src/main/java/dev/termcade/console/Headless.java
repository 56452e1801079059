package dev.termcade.console;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.wasm.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a cartridge for a fixed number of frames with a fixed dt and scripted input, through the same renderer and
 * Lanterna screen as a real terminal (bytes are counted, not shown), then reports the final screen as text.
 */
public final class Headless {
    /**
     * A scripted button transition for player {@code player} (0-based): {@code button}, or when it is null the key
     * named {@code key}, mapped the way the cart's ABI maps that key.
     */
    public record InputEvent(int frame, int player, Button button, String key, boolean down) {
        public InputEvent(int frame, Button button, boolean down) { this(frame, 0, button, null, down); }
    }

    /** A scripted mouse report: position in picture pixels and buttons (1 left, 2 right, 4 middle). */
    public record MouseEvent(int frame, int x, int y, int buttons) {}

    /** An input script: button transitions and mouse reports. */
    public record Script(List<InputEvent> keys, List<MouseEvent> mouse) {
        public static final Script EMPTY = new Script(List.of(), List.of());
    }

    /** What a run produced: the final screen, one string per row, and measurements. */
    public record Result(List<String> screen, int frames, double avgFrameMicros, double p99FrameMicros,
                         double bytesPerFrame, long bestScore, RuntimeException crash, Framebuffer picture, byte[] memory) {
        public String statsLine() {
            return String.format(java.util.Locale.ROOT, "frames=%d avg_frame_us=%.0f p99_frame_us=%.0f bytes_per_frame=%.0f%s",
                    frames, avgFrameMicros, p99FrameMicros, bytesPerFrame, bestScore >= 0 ? " best_score=" + bestScore : "");
        }
    }

    /** Input scripts are one short line per key event: far below this, which a device file or pipe would pass. */
    static final long MAX_INPUT_BYTES = 16L << 20;

    private Headless() {}

    /** Every key name a script may use (each ABI maps the ones it knows). */
    private static final java.util.Set<String> KEY_NAMES = java.util.Set.of("left", "right", "up", "down", "space", "enter",
            "tab", "x", "z", "v", "c", "y", "n", "w", "a", "s", "d");

    /**
     * Parses an input script. Lines: {@code FRAME KEY down|up} (player 1), {@code FRAME P:KEY down|up} (player P,
     * 1-4), {@code FRAME mouse X Y [BUTTONS]}; blank lines and {@code #} comments are ignored. An event at frame F
     * applies before the F-th frame (0-based).
     */
    public static Script parseInput(Path file) throws IOException {
        List<InputEvent> keys = new ArrayList<>();
        List<MouseEvent> mouse = new ArrayList<>();
        int n = 0;
        for (String line : BoundedFiles.readString(file, MAX_INPUT_BYTES).split("\r?\n")) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] p = s.split("\\s+");
            try {
                int frame = Integer.parseInt(p[0]);
                if (frame < 0) throw new IllegalArgumentException("negative frame");
                if (p.length >= 2 && p[1].equalsIgnoreCase("mouse")) {
                    if (p.length != 4 && p.length != 5) throw new IllegalArgumentException("expected 'FRAME mouse X Y [BUTTONS]'");
                    int buttons = p.length == 5 ? Integer.parseInt(p[4]) : 0;
                    if (buttons < 0 || buttons > 7) throw new IllegalArgumentException("mouse BUTTONS must be 0-7 (1 left, 2 right, 4 middle)");
                    mouse.add(new MouseEvent(frame, Integer.parseInt(p[2]), Integer.parseInt(p[3]), buttons));
                    continue;
                }
                if (p.length != 3 || !(p[2].equals("down") || p[2].equals("up"))) throw new IllegalArgumentException("expected 'FRAME [P:]KEY down|up'");
                int player = 0;
                String key = p[1].toLowerCase(java.util.Locale.ROOT);
                int colon = key.indexOf(':');
                if (colon >= 0) {
                    player = Integer.parseInt(key.substring(0, colon)) - 1;
                    if (player < 0 || player > 3) throw new IllegalArgumentException("player must be 1-4");
                    key = key.substring(colon + 1);
                }
                if (!KEY_NAMES.contains(key)) throw new IllegalArgumentException("unknown key '" + key + "' (" + String.join(" ", new java.util.TreeSet<>(KEY_NAMES)) + ")");
                keys.add(new InputEvent(frame, player, null, key, p[2].equals("down")));
            } catch (IllegalArgumentException e) {
                String why = e instanceof NumberFormatException ? "not a number: " + e.getMessage() : e.getMessage();
                throw new IllegalArgumentException(file + ":" + n + ": " + why + ", got '" + s + "'");
            }
        }
        return new Script(keys, mouse);
    }

    /** A started screen on a {@code cols x rows} terminal that reads no keys and writes its bytes to {@code wire}. */
    static TerminalScreen offscreen(OutputStream wire, int cols, int rows) throws IOException {
        TerminalScreen screen = new TerminalScreen(new StreamTerminal(new ByteArrayInputStream(new byte[0]), wire, cols, rows));
        screen.startScreen();
        return screen;
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
    }

    public static Result run(CompiledModule module, ConsoleOptions opt, int cols, int rows, int frames, double dt,
                             List<InputEvent> events) throws IOException {
        return run(module, opt, cols, rows, frames, dt, new Script(events, List.of()));
    }

    /**
     * Runs {@code frames} frames of {@code dt} seconds (carts with a fixed rate: one update each) with the script's
     * input, rendering each into a {@code cols x rows} terminal whose bytes are counted, one after another.
     */
    public static Result run(CompiledModule module, ConsoleOptions opt, int cols, int rows, int frames, double dt,
                             Script script) throws IOException {
        return run(module, opt, cols, rows, frames, dt, script, false);
    }

    /**
     * As {@link #run(CompiledModule, ConsoleOptions, int, int, int, double, Script)}; with {@code realTime} each frame
     * starts {@code dt} seconds after the one before, as in play (frame times still count only the frame's own work).
     */
    public static Result run(CompiledModule module, ConsoleOptions opt, int cols, int rows, int frames, double dt,
                             Script script, boolean realTime) throws IOException {
        CountingOutputStream wire = new CountingOutputStream(OutputStream.nullOutputStream());
        TerminalScreen screen = offscreen(wire, cols, rows);
        ConsoleSession session = new ConsoleSession(screen, module, opt, new Machine());
        try {
            session.layout(new TerminalSize(cols, rows));
            session.measuredFps(1 / dt);
            long[] times = new long[frames];
            long bytesBefore = wire.count();
            int done = 0;
            long best = -1;
            Cartridge cart = session.cartridge();
            List<InputEvent> events = new ArrayList<>();
            for (InputEvent e : script.keys()) {
                Button b = e.button() != null ? e.button() : cart.buttonForKey(e.key());
                if (b == null) throw new IllegalArgumentException("key '" + e.key() + "' is not a button of the " + cart.abiName() + " ABI");
                if (e.player() >= cart.players()) throw new IllegalArgumentException("player " + (e.player() + 1) + " does not exist: the " + cart.abiName() + " ABI has " + cart.players());
                events.add(new InputEvent(e.frame(), e.player(), b, e.key(), e.down()));
            }
            long start = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                if (realTime) sleepUntil(start + (long) (f * dt * 1e9));
                for (InputEvent e : events) if (e.frame() == f) session.game().button(e.player(), e.button(), e.down());
                for (MouseEvent m : script.mouse()) if (m.frame() == f) cart.mouse(m.x(), m.y(), m.buttons());
                long t0 = System.nanoTime();
                session.step(dt);
                session.present();
                times[f] = System.nanoTime() - t0;
                done++;
                best = Math.max(best, session.cartridge().score().orElse(-1));
                if (session.crash() != null) break;
            }
            long bytes = wire.count() - bytesBefore;
            List<String> text = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < cols; c++) {
                    TextCharacter ch = screen.getFrontCharacter(c, r);
                    sb.append(ch == null ? " " : ch.getCharacterString());
                }
                text.add(sb.toString());
            }
            long[] t = Arrays.copyOf(times, done);
            Arrays.sort(t);
            double avg = done == 0 ? 0 : Arrays.stream(t).average().orElse(0) / 1000.0;
            double p99 = done == 0 ? 0 : t[Math.min(done - 1, (int) Math.ceil(done * 0.99) - 1)] / 1000.0;
            Framebuffer picture = new Framebuffer(1, 1);
            session.game().copyPicture(picture);
            return new Result(text, done, avg, p99, done == 0 ? 0 : (double) bytes / done, best, session.crash(),
                    picture, session.game().memory());
        } finally {
            session.close();
            screen.stopScreen();
        }
    }
}
