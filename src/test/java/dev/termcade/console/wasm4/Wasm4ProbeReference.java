package dev.termcade.console.wasm4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The probe carts of {@code src/test/resources/wasm4-probes} and the memory WASM-4's own runtime leaves after
 * running them ({@code NAME.oracle.bin}, made by {@code src/tools/wasm4-oracle/probes.sh}), so that tests can check
 * Termcade's WASM-4 runtime against WASM-4 without Node.js: run {@link Probe#wasm()} for {@link Probe#frames()}
 * updates with {@link Probe#input()}, then {@link #compare} its memory with {@link Probe#reference()}. Game state
 * (everything outside the framebuffer) must be identical; the framebuffer may differ only by glyph shapes, which
 * only the {@code text} probe leaves there.
 */
public final class Wasm4ProbeReference {
    public static final int MEMORY_SIZE = 65536;
    static final int FRAMEBUFFER = 0xa0;
    static final int FRAMEBUFFER_SIZE = 6400;
    static final int SCREEN = 160;
    /** Characters of the ASCII map each cover this many pixels across and down. */
    static final int MAP_CELL_W = 4, MAP_CELL_H = 8;

    private Wasm4ProbeReference() {}

    /** The directory holding the probes: {@code src/test/resources/wasm4-probes} under {@code termcade.root}. */
    public static Path directory() {
        return Path.of(System.getProperty("termcade.root", ".")).resolve("src/test/resources/wasm4-probes");
    }

    /** One line of {@code probes.txt}: {@code NAME FRAMES INPUT SNAPSHOTS}, with {@code -} for none. */
    public record Probe(String name, int frames, Optional<String> inputFile, OptionalInt snapshots) {
        public Path wasm() { return directory().resolve(name + ".wasm"); }

        /** The input script (the {@code play --headless --input} format), if the probe has one. */
        public Optional<Path> input() { return inputFile.map(directory()::resolve); }

        /** WASM-4's memory after {@link #frames()} updates. */
        public byte[] reference() {
            byte[] memory = read(directory().resolve(name + ".oracle.bin"));
            if (memory.length != MEMORY_SIZE) {
                throw new IllegalStateException(name + ".oracle.bin holds " + memory.length + " bytes, not " + MEMORY_SIZE);
            }
            return memory;
        }
    }

    /** Every probe listed in {@code probes.txt}, in its order. */
    public static List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        int lineNumber = 0;
        for (String line : new String(read(directory().resolve("probes.txt")), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            lineNumber++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] w = s.split("\\s+");
            if (w.length != 4) throw new IllegalStateException("probes.txt:" + lineNumber + ": expected NAME FRAMES INPUT SNAPSHOTS, got '" + s + "'");
            probes.add(new Probe(w[0], Integer.parseInt(w[1]),
                    w[2].equals("-") ? Optional.empty() : Optional.of(w[2]),
                    w[3].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.decode(w[3]))));
        }
        return probes;
    }

    public static Probe named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no probe named " + name + " in probes.txt"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The memory map's name for {@code address}. */
    static String region(int address) {
        if (address < 0x04) return "reserved";
        if (address < 0x14) return "PALETTE";
        if (address < 0x16) return "DRAW_COLORS";
        if (address < 0x1a) return "GAMEPAD" + (address - 0x16 + 1);
        if (address < 0x1c) return "MOUSE_X";
        if (address < 0x1e) return "MOUSE_Y";
        if (address == 0x1e) return "MOUSE_BUTTONS";
        if (address == 0x1f) return "SYSTEM_FLAGS";
        if (address == 0x20) return "NETPLAY";
        if (address < FRAMEBUFFER) return "reserved";
        if (address < FRAMEBUFFER + FRAMEBUFFER_SIZE) return "FRAMEBUFFER";
        return "user";
    }

    /** A run of adjacent differing bytes in one region: {@code [from, to)}. */
    public record ByteRun(int from, int to) {}

    /** A framebuffer pixel whose palette index differs. */
    public record Pixel(int x, int y, int reference, int candidate) {}

    /** How a candidate memory differs from the reference. */
    public record Report(byte[] reference, byte[] candidate, List<ByteRun> gameState, List<Pixel> framebuffer) {
        public boolean gameStateIdentical() { return gameState.isEmpty(); }

        public int gameStateBytes() { return gameState.stream().mapToInt(r -> r.to() - r.from()).sum(); }

        /** A readable account for assertion messages: each differing run with both values, then the pixels. */
        @Override public String toString() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "game state: %s%n",
                    gameStateIdentical() ? "identical" : gameStateBytes() + " bytes differ"));
            int shown = 0;
            for (ByteRun run : gameState) {
                if (++shown > 20) {
                    out.append(String.format(Locale.ROOT, "  ... %d more runs%n", gameState.size() - 20));
                    break;
                }
                out.append(String.format(Locale.ROOT, "  0x%04x..0x%04x %s: reference %s | candidate %s%n", run.from(), run.to() - 1,
                        region(run.from()), hex(reference, run), hex(candidate, run)));
            }
            out.append(String.format(Locale.ROOT, "framebuffer: %d pixels differ%n", framebuffer.size()));
            if (!framebuffer.isEmpty()) {
                for (String row : asciiMap(framebuffer)) out.append("  |").append(row).append("|\n");
                framebuffer.stream().limit(10).forEach(p -> out.append(String.format(Locale.ROOT,
                        "  (%d, %d): reference %d, candidate %d%n", p.x(), p.y(), p.reference(), p.candidate())));
            }
            return out.toString();
        }
    }

    private static String hex(byte[] memory, ByteRun run) {
        StringBuilder s = new StringBuilder();
        for (int a = run.from(); a < Math.min(run.to(), run.from() + 16); a++) {
            if (s.length() > 0) s.append(' ');
            s.append(String.format(Locale.ROOT, "%02x", memory[a] & 0xff));
        }
        return run.to() - run.from() > 16 ? s + " ..." : s.toString();
    }

    /** Compares two 64 KiB memories: byte runs outside the framebuffer, pixels inside it. */
    public static Report compare(byte[] reference, byte[] candidate) {
        if (reference.length != MEMORY_SIZE || candidate.length < MEMORY_SIZE) {
            throw new IllegalArgumentException("expected 64 KiB memories, got " + reference.length + " and " + candidate.length + " bytes");
        }
        List<ByteRun> runs = new ArrayList<>();
        int runStart = -1;
        for (int a = 0; a <= MEMORY_SIZE; a++) {
            boolean inFramebuffer = a >= FRAMEBUFFER && a < FRAMEBUFFER + FRAMEBUFFER_SIZE;
            boolean differs = a < MEMORY_SIZE && !inFramebuffer && reference[a] != candidate[a];
            if (differs && runStart >= 0 && !region(runStart).equals(region(a))) {
                runs.add(new ByteRun(runStart, a));
                runStart = a;
            } else if (differs && runStart < 0) {
                runStart = a;
            } else if (!differs && runStart >= 0) {
                runs.add(new ByteRun(runStart, a));
                runStart = -1;
            }
        }
        List<Pixel> pixels = new ArrayList<>();
        for (int i = 0; i < SCREEN * SCREEN; i++) {
            int r = pixel(reference, i), c = pixel(candidate, i);
            if (r != c) pixels.add(new Pixel(i % SCREEN, i / SCREEN, r, c));
        }
        return new Report(reference, candidate, runs, pixels);
    }

    private static int pixel(byte[] memory, int i) { return pixelAt(memory, FRAMEBUFFER, i % SCREEN, i / SCREEN); }

    /** The palette index of pixel (x, y) of the 160x160, 2-bits-per-pixel picture at {@code base} in memory. */
    public static int pixelAt(byte[] memory, int base, int x, int y) {
        int i = y * SCREEN + x;
        return (memory[base + (i >> 2)] >> ((i & 3) * 2)) & 3;
    }

    /** One character per 4x8 pixels: '.' same, '1'-'9' that many differing pixels, '#' ten or more. */
    static List<String> asciiMap(List<Pixel> pixels) {
        int cols = SCREEN / MAP_CELL_W, rows = SCREEN / MAP_CELL_H;
        int[] counts = new int[cols * rows];
        for (Pixel p : pixels) counts[(p.y() / MAP_CELL_H) * cols + p.x() / MAP_CELL_W]++;
        List<String> map = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int n = counts[r * cols + c];
                row.append(n == 0 ? '.' : n < 10 ? (char) ('0' + n) : '#');
            }
            map.add(row.toString());
        }
        return map;
    }
}
