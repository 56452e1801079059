package dev.termcade.cli;

import dev.termcade.console.CartWatcher;
import dev.termcade.console.CellRenderer;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.Headless;
import dev.termcade.console.RenderMode;
import dev.termcade.console.Screenshot;
import dev.termcade.wasm.SafeText;
import java.nio.file.Files;
import dev.termcade.console.KeyRepeat;
import dev.termcade.console.PracticeRun;
import dev.termcade.console.TerminalPlay;
import dev.termcade.console.wasm4.Wasm4Sound;
import dev.termcade.vm.CompiledModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Play a cartridge in the terminal (default: the rocket game).",
                "Keys: arrows or WASD, space (A), x (B), enter (start), p pause, q or Esc quit.",
                "WASM-4 carts: x, v or space (X), z, c, y or n (Z), the mouse, t trace log, F12 screenshot."})
final class PlayCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TierOption tier;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CART", description = "The cartridge (.wasm or .wat); default carts/rocket.wasm.")
    Path cart;

    @Option(names = "--fps", description = "Target frame rate (default ${DEFAULT-VALUE}).")
    int fps = 30;

    @Option(names = "--render", paramLabel = "MODE", description = "half, quadrant, braille or ascii (default: detected from the terminal; WASM-4 carts: the sharpest that fits).")
    String render;

    @Option(names = "--scale", paramLabel = "N", description = "WASM-4 carts: show the 160x160 picture at 1/N size (default: the largest that fits).")
    int scale;

    @Option(names = "--disk", paramLabel = "FILE", description = "WASM-4 save file (default when playing: ~/.termcade/disks/CART.disk; headless: an empty disk that is not saved).")
    Path disk;

    @Option(names = "--tap-ms", paramLabel = "MS", description = "How long a single key press holds its button (default ${DEFAULT-VALUE}).")
    long tapMs = KeyRepeat.Timing.DEFAULT.tapMs();

    @Option(names = "--repeat-delay-ms", paramLabel = "MS", description = "A press this soon after the last one is the key repeating, i.e. held "
            + "(default ${DEFAULT-VALUE}; above your terminal's initial repeat delay).")
    long repeatDelayMs = KeyRepeat.Timing.DEFAULT.repeatDelayMs();

    @Option(names = "--repeat-gap-ms", paramLabel = "MS", description = "A held key is let go when no repeat came for this long "
            + "(default ${DEFAULT-VALUE}; above your terminal's repeat interval).")
    long repeatGapMs = KeyRepeat.Timing.DEFAULT.repeatGapMs();

    @Option(names = "--no-warmup", description = "Start at once, without first letting a copy of the cart practise offscreen for up to "
            + PracticeRun.DEFAULT_MAX_MILLIS / 1000 + " s (which spares the first seconds' stutter while HotSpot compiles).")
    boolean noWarmup;

    @Option(names = "--mute", description = "No sound.")
    boolean mute;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Headless: save the cart's own picture after the last frame as PNG (WASM-4: 160x160 in its palette).")
    Path screenshot;

    @Option(names = "--dump-memory", paramLabel = "FILE", description = "Headless: save the cart's linear memory after the last frame (WASM-4: 64 KiB).")
    Path dumpMemory;

    @Option(names = "--colors", paramLabel = "DEPTH", description = "truecolor, 256, 16 or none (default: detected).")
    String colors;

    @Option(names = "--budget", paramLabel = "MS", description = "Time a cart may take per call before it is stopped (default "
            + INTERACTIVE_BUDGET_MS + ", headless " + HEADLESS_BUDGET_MS + ").")
    Long budgetMs;

    /** A player notices a frame stuck for a second; a batch run on a busy machine must not fail a heavy frame. */
    static final long INTERACTIVE_BUDGET_MS = 1000, HEADLESS_BUDGET_MS = 10_000;

    @Option(names = "--world", paramLabel = "WxH", description = "World size passed to the rocket ABI's resize (default: from the terminal size).")
    String world;

    @Option(names = "--seed", description = "Seed of the termcade ABI's random source (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--watch", description = "Reload the cart whenever its file changes, keeping the terminal; with a build.sh beside it "
            + "(as 'new' writes), build first, and a change to a source beside it runs build.sh again. A failed build or load keeps the old cart playing.")
    boolean watch;

    @Option(names = "--headless", description = "Run without a terminal and print the final screen and timing.")
    boolean headless;

    @Option(names = "--frames", description = "Headless: frames to run (default ${DEFAULT-VALUE}).")
    int frames = 300;

    @Option(names = "--dt", description = "Headless: seconds per frame (default 1/60).")
    double dt = 1.0 / 60;

    @Option(names = "--size", paramLabel = "COLSxROWS", description = "Headless: terminal size (default ${DEFAULT-VALUE}).")
    String size = "120x40";

    @Option(names = "--input", paramLabel = "FILE", description = "Headless: input script, lines 'FRAME [P:]KEY down|up' and 'FRAME mouse X Y [BUTTONS]' (see README).")
    Path input;

    @Spec
    CommandSpec spec;

    static Path defaultCart() {
        String home = System.getProperty("termcade.home", ".");
        return Path.of(home, "carts", "rocket.wasm");
    }

    static int[] dims(String s, String what, int maxA, int maxB) {
        String[] p = s.toLowerCase().split("x");
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].trim()), b = Integer.parseInt(p[1].trim());
                if (a > 0 && b > 0 && a <= maxA && b <= maxB) return new int[]{a, b};
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(what + " must look like 120x40 (at most " + maxA + "x" + maxB + "), got '" + s + "'");
    }

    ConsoleOptions options(Path file) {
        ConsoleOptions o = new ConsoleOptions();
        if (fps < 1 || fps > 240) throw new IllegalArgumentException("--fps must be between 1 and 240");
        o.fps = fps;
        o.mode = render == null ? null : RenderMode.parse(render);
        if (colors != null) {
            switch (colors.toLowerCase()) {
                case "truecolor": case "24bit": o.colors = CellRenderer.ColorDepth.TRUECOLOR; break;
                case "256": o.colors = CellRenderer.ColorDepth.INDEXED_256; break;
                case "16": o.colors = CellRenderer.ColorDepth.ANSI_16; break;
                case "none": o.colors = CellRenderer.ColorDepth.NONE; break;
                default: throw new IllegalArgumentException("--colors must be truecolor, 256, 16 or none");
            }
        }
        long budget = budgetMs != null ? budgetMs : headless ? HEADLESS_BUDGET_MS : INTERACTIVE_BUDGET_MS;
        if (budget < 1) throw new IllegalArgumentException("--budget must be at least 1 ms, got " + budget);
        o.frameBudgetMs = budget;
        if (world != null) {
            int[] w = dims(world, "--world", 10000, 10000);
            o.worldWidth = w[0];
            o.worldHeight = w[1];
        }
        o.seed = seed;
        if (tapMs < 1 || repeatDelayMs < 1 || repeatGapMs < 1) throw new IllegalArgumentException("--tap-ms, --repeat-delay-ms and --repeat-gap-ms must be at least 1");
        o.keyTiming = new KeyRepeat.Timing(tapMs, repeatDelayMs, repeatGapMs);
        if (scale < 0 || scale > 8) throw new IllegalArgumentException("--scale must be between 1 and 8");
        o.scale = scale;
        o.diskFile = disk;
        if (noWarmup) o.practiceMillis = 0;
        o.cartName = CompiledModule.moduleName(file);
        return o;
    }

    @Override public Integer call() throws Exception {
        Path file = cart == null ? defaultCart() : cart;
        ConsoleOptions o = options(file);
        if (watch && headless) throw new IllegalArgumentException("--watch needs a terminal; it cannot be used with --headless");
        if (watch) {
            String failure = CartWatcher.buildFirst(file);
            if (failure != null) throw new Main.UserError(file + ": " + failure);
        }
        CompiledModule module = CompiledModule.load(file);
        PrintWriter out = spec.commandLine().getOut();
        if (headless) {
            int[] d = dims(size, "--size", ConsoleOptions.MAX_COLUMNS, ConsoleOptions.MAX_ROWS);
            if (frames < 0) throw new IllegalArgumentException("--frames must not be negative");
            if (!(dt > 0 && dt <= 1)) throw new IllegalArgumentException("--dt must be in (0, 1] seconds");
            Headless.Script script = input == null ? Headless.Script.EMPTY : Headless.parseInput(input);
            PrintWriter err = spec.commandLine().getErr();
            o.trace = line -> {
                err.println(SafeText.of(line, 4096));
                err.flush();
            };
            Headless.Result r = Headless.run(module, o, d[0], d[1], frames, dt, script);
            for (String line : r.screen()) out.println(line);
            out.println(r.statsLine());
            out.flush();
            if (screenshot != null) Screenshot.write(r.picture(), screenshot);
            if (dumpMemory != null) {
                try {
                    Files.write(dumpMemory, r.memory());
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new java.io.IOException("cannot write " + dumpMemory + ": no such directory");
                }
            }
            if (r.crash() != null) {
                spec.commandLine().getErr().println("error: the cart stopped: " + dev.termcade.wasm.SafeText.line(r.crash().getMessage()));
                return Main.FAILED;
            }
            return Main.OK;
        }
        if (disk == null) o.diskFile = Path.of(System.getProperty("user.home"), ".termcade", "disks", o.cartName + ".disk");
        if (!mute) o.wasm4Sound = Wasm4Sound::speakers;
        return playInTerminal(module, o, watch ? file : null);
    }

    /** Plays in this process's terminal; with {@code watched}, reloading that cart file as it changes. */
    static int playInTerminal(CompiledModule module, ConsoleOptions o, Path watched) throws Exception {
        if (!TerminalPlay.available()) {
            throw new Main.UserError("play needs an interactive terminal (use --headless to run without one)");
        }
        RuntimeException crash = TerminalPlay.play(module, o, watched, instance -> {});
        if (crash != null) {
            System.err.println(crash instanceof dev.termcade.vm.Trap ? ((dev.termcade.vm.Trap) crash).describe() : "error: " + dev.termcade.wasm.SafeText.line(crash.getMessage()));
            return Main.FAILED;
        }
        return Main.OK;
    }
}
