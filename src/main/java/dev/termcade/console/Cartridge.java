package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LinkException;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import java.util.OptionalLong;

/** A cartridge instance bound to a framebuffer through one of the console's ABIs. */
public abstract class Cartridge {
    protected final Framebuffer fb;
    protected Instance instance;

    protected Cartridge(Framebuffer fb) { this.fb = fb; }

    /** Which ABI a module speaks: the rocket game's ({@code env} draw imports) or the general {@code termcade} one. */
    public static Cartridge load(CompiledModule module, Framebuffer fb, ResourceLimits limits, long seed) {
        boolean termcade = false, env = false;
        for (Import imp : module.module().imports()) {
            if (imp.module().equals("termcade")) termcade = true;
            if (imp.module().equals("env")) env = true;
        }
        if (termcade && env) throw new CartridgeException("cart imports from both 'env' (rocket ABI) and 'termcade'; pick one ABI");
        Cartridge c = termcade || (!env && module.module().export("frame") != null)
                ? new TermcadeCartridge(fb, seed) : new RocketCartridge(fb);
        c.instantiate(module, limits);
        return c;
    }

    private void instantiate(CompiledModule module, ResourceLimits limits) {
        Imports imports = new Imports();
        bind(imports);
        try {
            instance = module.instantiate(imports, limits);
        } catch (LinkException e) {
            throw new CartridgeException("cart '" + module.name() + "' cannot be played with the " + abiName() + " ABI: " + e.getMessage());
        }
        checkExports(module);
    }

    protected WasmFunction requireExport(CompiledModule module, String name, FuncType type) {
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

    protected abstract void bind(Imports imports);

    protected abstract void checkExports(CompiledModule module);

    /** The framebuffer was resized to its current size; {@code worldW x worldH} is the suggested world size. */
    public abstract void resize(double worldW, double worldH);

    /** Runs one frame: game logic for {@code dt} seconds, then drawing into the framebuffer. */
    public abstract void frame(double dt, FramePhase phase);

    public abstract void button(Button b, boolean down);

    /** The score, if the ABI reports one. */
    public abstract OptionalLong score();

    /** Tells the watchdog which export is running, for its message. */
    public interface FramePhase {
        void enter(String export);
    }
}
