package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LinkException;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.Import;
import java.util.OptionalLong;

/** A cartridge instance bound to a framebuffer through one of the console's ABIs. */
public abstract class Cartridge {
    protected final Framebuffer fb;
    protected Instance instance;
    /** The machine every call into the cart runs on: the game thread's. */
    protected Machine machine;

    protected Cartridge(Framebuffer fb) { this.fb = fb; }

    /** Which ABI a module speaks, from its imports (and, without imports, its exports). */
    public enum Abi {
        ROCKET("rocket (env)"), TERMCADE("termcade"), WASM4("WASM-4");

        private final String label;

        Abi(String label) { this.label = label; }

        @Override public String toString() { return label; }

        /** WASM-4's {@code env} functions: a cart importing any of them, or {@code env.memory}, is a WASM-4 cart. */
        private static final java.util.Set<String> WASM4_FUNCTIONS = java.util.Set.of("blit", "blitSub", "line", "hline",
                "vline", "oval", "rect", "text", "textUtf8", "textUtf16", "tone", "diskr", "diskw", "trace", "traceUtf8",
                "traceUtf16", "tracef");

        /** The rocket game's {@code env} functions. */
        private static final java.util.Set<String> ROCKET_FUNCTIONS = java.util.Set.of("Math_atan", "sin", "cos", "clear_screen",
                "draw_player", "draw_enemy", "draw_bullet", "draw_particle", "draw_score");

        public static Abi detect(dev.termcade.wasm.Module m) {
            boolean termcade = false, env = false, wasm4 = false;
            Import stray = null;
            for (Import imp : m.imports()) {
                if (imp.module().equals("termcade")) termcade = true;
                if (imp.module().equals("env")) {
                    env = true;
                    if (imp.kind() == ExternKind.MEMORY || WASM4_FUNCTIONS.contains(imp.name())) wasm4 = true;
                    else if (!ROCKET_FUNCTIONS.contains(imp.name()) && stray == null) stray = imp;
                }
            }
            if (termcade && stray != null) {
                // Typically a C compiler's memset/memcpy for a plain loop or struct copy: say which import and why.
                throw new CartridgeException(stray.qualifiedName() + " is not part of the termcade ABI"
                        + (stray.name().startsWith("mem") ? " (clang turned a loop or copy into a call to it: build with -mbulk-memory)" : ""));
            }
            if (termcade && env) throw new CartridgeException("cart imports from both 'env' (the rocket or WASM-4 ABI) and 'termcade'; pick one ABI");
            if (wasm4) return WASM4;
            if (termcade || (!env && m.export("frame") != null)) return TERMCADE;
            if (!env && m.export("update") != null && m.export("draw") == null) return WASM4;
            return ROCKET;
        }
    }

    /**
     * Loads {@code module} with the ABI its imports speak, its start section and every later call running on
     * {@code machine}; a one-line {@link CartridgeException} if it cannot play.
     */
    public static Cartridge load(CompiledModule module, Framebuffer fb, ConsoleOptions opt, Machine machine) {
        Cartridge c;
        switch (Abi.detect(module.module())) {
            case WASM4: c = new Wasm4Cartridge(fb, opt, module); break;
            case TERMCADE: c = new TermcadeCartridge(fb, opt); break;
            default: c = new RocketCartridge(fb); break;
        }
        c.machine = machine;
        module.compileAllIfJitTier();
        c.instantiate(module, opt.limits);
        return c;
    }

    private void instantiate(CompiledModule module, ResourceLimits limits) {
        Imports imports = new Imports();
        bind(imports);
        try {
            instance = Instance.builder(module).withImports(imports).withLimits(limits).withMachine(machine).build();
        } catch (LinkException e) {
            throw new CartridgeException("cart '" + module.name() + "' cannot be played with the " + abiName() + " ABI: " + e.getMessage());
        }
        checkExports(module);
        for (dev.termcade.wasm.CustomSection c : module.module().customSections()) {
            String text = c.text();
            if (text == null || text.isBlank()) continue;
            if (c.name().equals(TITLE_SECTION)) title = dev.termcade.wasm.SafeText.of(text.strip(), 40);
            if (c.name().equals(KEYS_SECTION)) keys = dev.termcade.wasm.SafeText.of(text.strip(), 200);
        }
    }

    protected WasmFunction requireExport(CompiledModule module, String name, FunctionType type) {
        WasmFunction f = instance.function(name);
        if (f == null) throw new CartridgeException("cart '" + module.name() + "' does not export " + name + type + " (required by the " + abiName() + " ABI)");
        if (!f.type().equals(type)) throw new CartridgeException("cart '" + module.name() + "' exports " + name + " as " + f.type() + ", the " + abiName() + " ABI needs " + type);
        return f;
    }

    protected static boolean exportsFunction(CompiledModule module, String name) {
        var e = module.module().export(name);
        return e != null && e.kind() == ExternKind.FUNC;
    }

    public Instance instance() { return instance; }

    /** The maths the rocket ABI imports from {@code env} ({@code sin}, {@code cos}, {@code Math_atan}), or null. */
    public static java.util.function.DoubleUnaryOperator rocketMath(String name) {
        switch (name) {
            case "sin": return Math::sin;
            case "cos": return Math::cos;
            case "Math_atan": return Math::atan;
            default: return null;
        }
    }

    public abstract String abiName();

    /** Keys to show in the status line. */
    public abstract String keyHelp();

    /**
     * Custom sections a cart may carry to describe itself (any ABI): its title, shown instead of the file name, and
     * its key hints, shown instead of the ABI's ("arrows move  space jump  q quit", hints two spaces apart).
     */
    public static final String TITLE_SECTION = "termcade.title", KEYS_SECTION = "termcade.keys";

    private String title, keys;

    /** The cart's own title, or null. */
    public String title() { return title; }

    /** The key hints for the status line: the cart's own, or the ABI's. */
    public String keys() { return keys != null ? keys : keyHelp(); }

    protected abstract void bind(Imports imports);

    protected abstract void checkExports(CompiledModule module);

    /** The framebuffer was resized to its current size; {@code worldW x worldH} is the suggested world size. */
    public abstract void resize(double worldW, double worldH);

    /** Runs one frame: game logic for {@code dt} seconds, then drawing into the framebuffer. */
    public abstract void frame(double dt, FramePhase phase);

    public abstract void button(Button b, boolean down);

    /** How many players can play at once: each has a gamepad. */
    public int players() { return 1; }

    /**
     * Player {@code player}'s (0-based) button. For carts with several players it only records the change, which
     * the next frame reads, so any thread may call it; otherwise it is {@link #button(Button, boolean)} for player 0.
     */
    public void button(int player, Button b, boolean down) {
        if (player == 0) button(b, down);
    }

    /** Tells a multi-player cart that several screens share it and which player this instance shows (0-based). */
    public void netplay(int localPlayer) {}

    /** The mouse in picture pixels and its buttons (1 left, 2 right, 4 middle); carts without a mouse ignore it. */
    public void mouse(int x, int y, int buttons) {}

    /** Frames per second of game time for carts with a fixed update rate (WASM-4: 60), or 0. */
    public int fixedRate() { return 0; }

    /** Whether the cart draws a picture of its own fixed size (the framebuffer is not sized to the terminal). */
    public boolean fixedPicture() { return false; }

    /** The button a key drives: a typed character or a headless key name (see {@link Button#fromKeyName}); null if none. */
    public Button buttonForKey(String key) {
        try {
            return Button.fromKeyName(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Releases what the cart holds beyond its memory (sound). */
    public void close() {}

    /** The score, if the ABI reports one. */
    public abstract OptionalLong score();

    /** Tells the watchdog which export is running, for its message. */
    public interface FramePhase {
        void enter(String export);
    }
}
