package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import java.util.OptionalLong;

/**
 * The rocket game's ABI, from David Beazley's talk: {@code env} draw imports in world coordinates, exports
 * {@code resize/update/draw} and {@code toggle_*}.
 */
final class RocketCartridge extends Cartridge {
    static final int PLAYER = 0xFF3030, ENEMY = 0xFFD700, BULLET = 0x3C78FF, PARTICLE = 0x9400D3, SCORE = 0xFFA500, BACKGROUND = 0x000000;
    private static final ValueType F64 = ValueType.F64, I32 = ValueType.I32;

    private double scale = 1;
    private long score = -1;
    private WasmFunction resize, update, draw, shoot, boost, left, right;

    RocketCartridge(Framebuffer fb) { super(fb); }

    @Override public String abiName() { return "rocket (env)"; }

    @Override public String keyHelp() { return "\u2190\u2192 turn  \u2191 boost  space shoot  p pause  q quit"; }

    private double px(double world) { return world * scale; }

    @Override protected void bind(Imports im) {
        for (String name : new String[]{"Math_atan", "sin", "cos"}) {
            java.util.function.DoubleUnaryOperator op = rocketMath(name);
            im.function("env", name, FunctionType.of(F64).returning(F64), f -> f.f64(0, op.applyAsDouble(f.f64(0))));
        }
        im.function("env", "clear_screen", FunctionType.of(), f -> fb.clear(BACKGROUND));
        im.function("env", "draw_player", FunctionType.of(F64, F64, F64), f -> drawPlayer(px(f.f64(0)), px(f.f64(1)), f.f64(2)));
        im.function("env", "draw_enemy", FunctionType.of(F64, F64), f -> fb.fillCircle(px(f.f64(0)), px(f.f64(1)), px(10), ENEMY));
        im.function("env", "draw_bullet", FunctionType.of(F64, F64), f -> fb.fillCircle(px(f.f64(0)), px(f.f64(1)), px(3), BULLET));
        im.function("env", "draw_particle", FunctionType.of(F64, F64, F64), f -> fb.fillCircle(px(f.f64(0)), px(f.f64(1)), px(f.f64(2)), PARTICLE));
        im.function("env", "draw_score", FunctionType.of(F64), f -> {
            double s = f.f64(0);
            score = Double.isFinite(s) ? (long) s : 0;
            fb.text(0, 0, "Score: " + score, SCORE);
        });
    }

    /** The rocket: a triangle 20 wide and 16 tall (world units) whose nose points along {@code angle}. */
    private void drawPlayer(double x, double y, double angle) {
        drawRocket(fb, x, y, angle, scale);
    }

    static void drawRocket(Framebuffer fb, double x, double y, double angle, double scale) {
        double c = Math.cos(angle), s = Math.sin(angle);
        double nose = 10 * scale, back = 10 * scale, half = 8 * scale;
        double ax = x + c * nose, ay = y + s * nose;
        double bx = x - c * back - s * half, by = y - s * back + c * half;
        double cx = x - c * back + s * half, cy = y - s * back - c * half;
        fb.fillTriangle(ax, ay, bx, by, cx, cy, PLAYER);
    }

    @Override protected void checkExports(CompiledModule m) {
        resize = requireExport(m, "resize", FunctionType.of(F64, F64));
        update = requireExport(m, "update", FunctionType.of(F64));
        draw = requireExport(m, "draw", FunctionType.of());
        shoot = requireExport(m, "toggle_shoot", FunctionType.of(I32));
        boost = requireExport(m, "toggle_boost", FunctionType.of(I32));
        left = requireExport(m, "toggle_turn_left", FunctionType.of(I32));
        right = requireExport(m, "toggle_turn_right", FunctionType.of(I32));
    }

    @Override public void resize(double worldW, double worldH) {
        scale = Math.min(fb.width() / worldW, fb.height() / worldH);
        machine.callRaw(resize, Double.doubleToRawLongBits(worldW), Double.doubleToRawLongBits(worldH));
    }

    @Override public void frame(double dt, FramePhase phase) {
        phase.enter("update()");
        machine.callRaw(update, Double.doubleToRawLongBits(dt));
        phase.enter("draw()");
        machine.callRaw(draw);
    }

    @Override public void button(Button b, boolean down) {
        WasmFunction f;
        switch (b) {
            case LEFT: f = left; break;
            case RIGHT: f = right; break;
            case UP: f = boost; break;
            case A: f = shoot; break;
            default: return;
        }
        machine.callRaw(f, down ? 1 : 0);
    }

    @Override public OptionalLong score() { return score < 0 ? OptionalLong.empty() : OptionalLong.of(score); }
}
