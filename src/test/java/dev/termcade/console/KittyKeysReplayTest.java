package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.wasm.text.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays what a real kitty (0.26.5, Debian 12, under Xvfb) sent while {@code ./run.sh play carts/rocket.wasm} ran
 * in it and xdotool pressed keys: a quick tap of Left, Up held for 1 s, a 100 ms tap of space, Right held for
 * 0.8 s, then q. The input was recorded by {@code script -m advanced -T timing -I in} between the terminal and
 * termcade, so the bytes and their delays are the terminal's own (see the resources beside this class).
 *
 * <p>The bytes go through the same decoder and {@link ConsoleSession#key} as a game does, into a probe cart that
 * shows its held buttons as its score, so the test sees the buttons exactly as a cart would.
 */
class KittyKeysReplayTest {
    /** A termcade cart whose score is the buttons held at its last frame. */
    private static final String BUTTON_PROBE = "(module"
            + " (import \"termcade\" \"buttons\" (func $buttons (result i32)))"
            + " (import \"termcade\" \"set_score\" (func $set_score (param i32)))"
            + " (func (export \"frame\") (param f64) (call $set_score (call $buttons))))";

    private static final int LEFT = 1, RIGHT = 2, UP = 4, A = 16;

    /** One write of the terminal: what it sent and how long after the previous write. */
    record Chunk(long delayNs, byte[] bytes) {
        String text() { return new String(bytes, StandardCharsets.UTF_8); }
    }

    /** Reads a {@code script --log-in} file and its advanced-format timing log: 'I delay bytes' lines split the input. */
    static List<Chunk> recording(String name) throws IOException {
        byte[] in = resource(name + ".in");
        String timing = new String(resource(name + ".timing"), StandardCharsets.US_ASCII);
        int at = indexOf(in, (byte) '\n') + 1; // script's own "Script started ..." line
        List<Chunk> chunks = new ArrayList<>();
        for (String line : timing.split("\n")) {
            String[] f = line.trim().split(" ");
            if (!f[0].equals("I")) continue; // H: header facts
            int n = Integer.parseInt(f[2]);
            chunks.add(new Chunk(Math.round(Double.parseDouble(f[1]) * 1e9), Arrays.copyOfRange(in, at, at + n)));
            at += n;
        }
        return chunks;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream s = KittyKeysReplayTest.class.getResourceAsStream("kitty/" + name)) {
            if (s == null) throw new IOException("missing test resource kitty/" + name);
            return s.readAllBytes();
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
        return -1;
    }

    private static final long FRAME_NS = 1_000_000_000L / 30;

    /** A frame of the replay: when it ran (ns since the recording began) and the buttons the cart saw. */
    record Frame(long atNs, int buttons) {}

    /** The replay: every frame the console ran, and when each key the terminal sent arrived (first of its kind). */
    record Replay(List<Frame> frames, java.util.Map<String, Long> arrivals, boolean quit) {
        long at(String sent) {
            Long t = arrivals.get(sent);
            if (t == null) throw new AssertionError("never sent: " + sent.replace("\u001b", "ESC"));
            return t;
        }

        /** The buttons of every frame from {@code fromNs} (inclusive) to {@code toNs} (exclusive). */
        List<Integer> between(long fromNs, long toNs) {
            return frames.stream().filter(f -> f.atNs() >= fromNs && f.atNs() < toNs).map(Frame::buttons).toList();
        }
    }

    /** Plays the recording at 30 fps of virtual time: each frame takes in what arrived by then, ticks, steps. */
    private static Replay replay(List<Chunk> chunks) throws Exception {
        PipedOutputStream wire = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(wire, 4096);
        StreamTerminal terminal = new StreamTerminal(in, OutputStream.nullOutputStream(), 71, 22);
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        ConsoleSession session = new ConsoleSession(screen, CompiledModule.load(Wat.toBinary(BUTTON_PROBE.getBytes(StandardCharsets.UTF_8))), new ConsoleOptions(), new Machine());
        session.enableKeyEvents(OutputStream.nullOutputStream());
        session.layout(new TerminalSize(71, 22));
        List<Frame> frames = new ArrayList<>();
        java.util.Map<String, Long> arrivals = new java.util.HashMap<>();
        long sentAt = 0;
        int next = 0;
        boolean playing = true;
        try {
            for (long now = 0; playing && next < chunks.size(); now += FRAME_NS) {
                while (next < chunks.size() && sentAt + chunks.get(next).delayNs() <= now) {
                    Chunk c = chunks.get(next++);
                    sentAt += c.delayNs();
                    arrivals.putIfAbsent(c.text(), now);
                    wire.write(c.bytes());
                    wire.flush();
                }
                KeyStroke k;
                while (playing && (k = screen.pollInput()) != null) playing = session.key(k, now);
                session.tickKeys(now);
                session.step(FRAME_NS / 1e9);
                frames.add(new Frame(now, (int) session.cartridge().score().orElse(-1)));
            }
        } finally {
            session.close();
            screen.stopScreen();
        }
        return new Replay(frames, arrivals, !playing);
    }

    @Test
    void recordingHoldsWhatXdotoolDid() throws Exception {
        List<Chunk> chunks = recording("rocket-kitty-0.26.5");
        String all = String.join("", chunks.stream().map(Chunk::text).toList());
        // The protocol as kitty speaks it: the flags report, presses in legacy form, repeats (:2) and releases (:3).
        assertTrue(all.contains("\u001b[?3u"), "kitty answers the flags query");
        assertTrue(all.startsWith("\u001b[22;71R"), "Lanterna's size probe comes first");
        assertEquals(9, all.split("\u001b\\[1;1:2A", -1).length - 1, "Up repeats at kitty's 40 ms while held 1 s after the 600 ms delay");
        assertTrue(all.contains(" \u001b[32;1:3u"), "space: a plain press, then a release in CSI u form");
    }

    @Test
    void everyButtonIsDownFromItsPressToItsRealRelease() throws Exception {
        Replay r = replay(recording("rocket-kitty-0.26.5"));
        assertHeld(r, "\u001b[D", "\u001b[1;1:3D", LEFT, "the quick Left tap");
        assertHeld(r, "\u001b[A", "\u001b[1;1:3A", UP, "Up, held through kitty's 600 ms repeat delay");
        assertHeld(r, " ", "\u001b[32;1:3u", A, "space");
        assertHeld(r, "\u001b[C", "\u001b[1;1:3C", RIGHT, "Right");
        assertTrue(r.between(r.at("\u001b[1;1:3C"), Long.MAX_VALUE).stream().allMatch(b -> b == 0), "nothing held after the last release");
        assertTrue(r.quit(), "q quits");
        assertEquals(r.frames().get(r.frames().size() - 1).atNs(), r.at("q"), "on the frame q arrived");
    }

    /** {@code button} is held on every frame from its press to its release (the release frame and after: not held). */
    private static void assertHeld(Replay r, String press, String release, int button, String what) {
        long down = r.at(press), up = r.at(release);
        List<Integer> held = r.between(down, up);
        if (down < up) assertTrue(held.stream().allMatch(b -> b == button), what + " is held on every frame until its release: " + held);
        assertEquals(0, r.between(up, up + 1).get(0) & button, what + " is let go on the frame its release arrives");
    }

    /** The recording as if the session began with Up held: the Left tap before it (press and release) taken out. */
    private static List<Chunk> startingWithTheUpHold() throws IOException {
        List<Chunk> chunks = new ArrayList<>(recording("rocket-kitty-0.26.5"));
        int tap = chunks.indexOf(chunks.stream().filter(c -> c.text().equals("\u001b[D")).findFirst().orElseThrow());
        Chunk press = chunks.remove(tap), release = chunks.remove(tap);
        chunks.set(tap, new Chunk(press.delayNs() + release.delayNs() + chunks.get(tap).delayNs(), chunks.get(tap).bytes()));
        return chunks;
    }

    @Test
    void theFlagsReportMakesEvenTheFirstHoldWhole() throws Exception {
        Replay r = replay(startingWithTheUpHold());
        assertHeld(r, "\u001b[A", "\u001b[1;1:3A", UP, "Up, the session's first key");
    }

    @Test
    void withoutTheReportTheFirstReleaseSwitchesToRealReleases() throws Exception {
        // A terminal or multiplexer that passes the events through but not the report: until a release arrives, a
        // press can only be read as a tap, so Up drops during kitty's initial repeat delay; from then on it is real.
        List<Chunk> chunks = startingWithTheUpHold();
        chunks.removeIf(c -> c.text().equals("\u001b[?3u"));
        Replay inferred = replay(chunks);
        List<Integer> firstHold = inferred.between(inferred.at("\u001b[A"), inferred.at("\u001b[1;1:3A"));
        assertTrue(firstHold.contains(0), "a gap in the inferred hold: " + firstHold);
        assertHeld(inferred, "\u001b[C", "\u001b[1;1:3C", RIGHT, "Right, after the first release");
    }

    @Test
    void escapeAndCtrlCAsKittySendsThemQuit() throws Exception {
        // Recorded from the same kitty (xdotool keydown/keyup Escape, ctrl+c): with "disambiguate" on, neither is a
        // legacy byte any more. The release never comes: the session has popped the protocol by then.
        for (String quit : new String[]{"\u001b[27u", "\u001b[99;5u"}) {
            Replay r = replay(List.of(new Chunk(0, "\u001b[?3u".getBytes(StandardCharsets.US_ASCII)),
                    new Chunk(FRAME_NS * 3, quit.getBytes(StandardCharsets.US_ASCII))));
            assertTrue(r.quit(), quit.replace("\u001b", "ESC") + " quits");
        }
    }
}
