package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Memory;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import java.util.OptionalLong;

/**
 * The general console ABI (import module {@code termcade}), documented in carts/README.md: drawing in pixel
 * coordinates of the framebuffer, RGB colours as 0xRRGGBB, button polling, time and a seeded random source.
 */
final class TermcadeCartridge extends Cartridge {
    private static final ValueType I32 = ValueType.I32, F64 = ValueType.F64;
    private static final int MAX_TEXT_BYTES = 4096;

    private int buttons;
    private double time;
    private long rng;
    private long score = -1;
    private WasmFunction frame, start;
    private boolean started;

    private final java.util.function.Consumer<String> log;

    TermcadeCartridge(Framebuffer fb, ConsoleOptions opt) {
        super(fb);
        this.rng = opt.seed == 0 ? 0x9E3779B97F4A7C15L : opt.seed;
        this.log = opt.trace != null ? opt.trace : line -> {};
    }

    @Override public String abiName() { return "termcade"; }

    @Override public String keyHelp() { return "arrows/WASD move  space A  x B  enter start  p pause  q quit"; }

    private String string(Instance inst, int ptr, int len) {
        Memory m = inst == null ? null : inst.memory();
        if (m == null) return "";
        // Drawing never stops a cart: only the part of [ptr, ptr + len) inside memory is shown.
        long from = Math.min(ptr & 0xFFFFFFFFL, m.byteSize());
        long to = Math.min(from + Math.min(Math.max(len, 0), MAX_TEXT_BYTES), m.byteSize());
        return m.readString(from, (int) (to - from));
    }

    @Override protected void bind(Imports im) {
        im.function("termcade", "clear", FunctionType.of(I32), f -> fb.clear(f.i32(0) & 0xFFFFFF));
        im.function("termcade", "pixel", FunctionType.of(I32, I32, I32), f -> fb.set(f.i32(0), f.i32(1), f.i32(2) & 0xFFFFFF));
        im.function("termcade", "line", FunctionType.of(I32, I32, I32, I32, I32), f -> fb.line(f.i32(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4) & 0xFFFFFF));
        im.function("termcade", "rect", FunctionType.of(I32, I32, I32, I32, I32), f -> fb.fillRect(f.i32(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4) & 0xFFFFFF));
        im.function("termcade", "rect_outline", FunctionType.of(I32, I32, I32, I32, I32), f -> fb.strokeRect(f.i32(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4) & 0xFFFFFF));
        im.function("termcade", "circle", FunctionType.of(I32, I32, I32, I32), f -> fb.fillCircle(f.i32(0) + 0.5, f.i32(1) + 0.5, f.i32(2), f.i32(3) & 0xFFFFFF));
        im.function("termcade", "circle_outline", FunctionType.of(I32, I32, I32, I32), f -> fb.strokeCircle(f.i32(0) + 0.5, f.i32(1) + 0.5, f.i32(2), f.i32(3) & 0xFFFFFF));
        im.function("termcade", "text", FunctionType.of(I32, I32, I32, I32, I32), f -> fb.text(f.i32(0), f.i32(1), string(f.caller(), f.i32(2), f.i32(3)), f.i32(4) & 0xFFFFFF));
        im.function("termcade", "width", FunctionType.of().returning(I32), f -> f.i32(0, fb.width()));
        im.function("termcade", "height", FunctionType.of().returning(I32), f -> f.i32(0, fb.height()));
        im.function("termcade", "buttons", FunctionType.of().returning(I32), f -> f.i32(0, buttons));
        im.function("termcade", "time", FunctionType.of().returning(F64), f -> f.f64(0, time));
        im.function("termcade", "random", FunctionType.of().returning(I32), f -> f.i32(0, nextRandom()));
        im.function("termcade", "set_score", FunctionType.of(I32), f -> score = f.i32(0));
        im.function("termcade", "log", FunctionType.of(I32, I32), f -> log.accept(string(f.caller(), f.i32(0), f.i32(1))));
    }

    private int nextRandom() {
        rng ^= rng >>> 12;
        rng ^= rng << 25;
        rng ^= rng >>> 27;
        return (int) ((rng * 0x2545F4914F6CDD1DL) >>> 33);
    }

    @Override protected void checkExports(CompiledModule m) {
        frame = requireExport(m, "frame", FunctionType.of(F64));
        if (exportsFunction(m, "start")) start = requireExport(m, "start", FunctionType.of());
    }

    @Override public void resize(double worldW, double worldH) {
        // termcade carts draw in framebuffer pixels and ask width()/height() each frame.
    }

    @Override public void frame(double dt, FramePhase phase) {
        if (!started) {
            started = true;
            if (start != null) {
                phase.enter("start()");
                machine.callRaw(start);
            }
        }
        time += dt;
        phase.enter("frame()");
        machine.callRaw(frame, Double.doubleToRawLongBits(dt));
    }

    @Override public void button(Button b, boolean down) {
        buttons = down ? buttons | b.bit : buttons & ~b.bit;
    }

    @Override public OptionalLong score() { return score < 0 ? OptionalLong.empty() : OptionalLong.of(score); }
}
