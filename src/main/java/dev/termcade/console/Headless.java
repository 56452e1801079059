package dev.termcade.console;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
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
    /** A scripted key transition. */
    public record InputEvent(int frame, Button button, boolean down) {}

    /** What a run produced: the final screen, one string per row, and measurements. */
    public record Result(List<String> screen, int frames, double avgFrameMicros, double p99FrameMicros,
                         double bytesPerFrame, long bestScore, RuntimeException crash) {
        public String statsLine() {
            return String.format(java.util.Locale.ROOT, "frames=%d avg_frame_us=%.0f p99_frame_us=%.0f bytes_per_frame=%.0f%s",
                    frames, avgFrameMicros, p99FrameMicros, bytesPerFrame, bestScore >= 0 ? " best_score=" + bestScore : "");
        }
    }

    /** Input scripts are one short line per key event: far below this, which a device file or pipe would pass. */
    static final long MAX_INPUT_BYTES = 16L << 20;

    private Headless() {}

    /** Parses lines {@code FRAME KEY down|up}; blank lines and {@code #} comments are ignored. */
    public static List<InputEvent> parseInput(Path file) throws IOException {
        List<InputEvent> events = new ArrayList<>();
        int n = 0;
        for (String line : BoundedFiles.readString(file, MAX_INPUT_BYTES).split("\r?\n")) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] p = s.split("\\s+");
            try {
                if (p.length != 3 || !(p[2].equals("down") || p[2].equals("up"))) throw new IllegalArgumentException("expected 'FRAME KEY down|up'");
                events.add(new InputEvent(Integer.parseInt(p[0]), Button.fromKeyName(p[1]), p[2].equals("down")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage() + ", got '" + s + "'");
            }
        }
        return events;
    }

    public static Result run(CompiledModule module, ConsoleOptions opt, int cols, int rows, int frames, double dt,
                             List<InputEvent> events) throws IOException {
        CountingOutputStream wire = new CountingOutputStream(OutputStream.nullOutputStream());
        StreamTerminal terminal = new StreamTerminal(new ByteArrayInputStream(new byte[0]), wire, cols, rows);
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        ConsoleSession session = new ConsoleSession(screen, module, opt);
        try {
            session.layout(new TerminalSize(cols, rows));
            session.measuredFps(1 / dt);
            long[] times = new long[frames];
            long bytesBefore = wire.count();
            int done = 0;
            long best = -1;
            for (int f = 0; f < frames; f++) {
                for (InputEvent e : events) if (e.frame() == f) session.button(e.button(), e.down());
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
            return new Result(text, done, avg, p99, done == 0 ? 0 : (double) bytes / done, best, session.crash());
        } finally {
            session.close();
            screen.stopScreen();
        }
    }
}
