package dev.termcade.console;

import dev.termcade.console.wasm4.Ppu;
import dev.termcade.console.wasm4.Wasm4;
import dev.termcade.console.wasm4.Wasm4Disk;
import dev.termcade.console.wasm4.Wasm4Runtime;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.Imports;
import dev.termcade.vm.WasmFunction;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A WASM-4 cart (wasm4.org), unchanged: {@link Wasm4Runtime} runs it; this adapter gives it the console's buttons,
 * keys and mouse, and after every frame paints its 160x160 framebuffer into the console's picture in the cart's
 * palette.
 */
final class Wasm4Cartridge extends Cartridge {
    private final Wasm4Runtime runtime;
    private final int[] palette = new int[4];
    /** The framebuffer copied out of the cart's memory for each picture: one buffer, reused every frame. */
    private final byte[] framebuffer = new byte[Wasm4.FRAMEBUFFER_SIZE];

    Wasm4Cartridge(Framebuffer fb, ConsoleOptions opt, CompiledModule module) {
        super(fb);
        var mod = module.module();
        boolean importsMemory = mod.imports().stream().anyMatch(i -> i.module().equals("env") && i.name().equals("memory")
                && i.kind() == dev.termcade.wasm.ExternKind.MEMORY);
        if (!importsMemory || mod.allMemories().size() != 1) {
            throw new CartridgeException("cart '" + module.name() + "' is a WASM-4 cart but " + (importsMemory
                    ? "declares memories of its own" : "does not import env.memory") + "; WASM-4 carts import exactly one 64 KiB page as env.memory");
        }
        Wasm4Disk disk;
        try {
            disk = opt.diskFile == null ? Wasm4Disk.inMemory() : Wasm4Disk.at(opt.diskFile);
        } catch (IOException e) {
            throw new CartridgeException("cannot use the save file " + opt.diskFile + ": " + e.getMessage());
        }
        runtime = new Wasm4Runtime(disk, opt.trace != null ? opt.trace : line -> {}, opt.wasm4Sound.get());
        fb.resize(Wasm4.WIDTH, Wasm4.HEIGHT);
        composite();
    }

    Wasm4Runtime runtime() { return runtime; }

    @Override public String abiName() { return "WASM-4"; }

    @Override public String keyHelp() { return "arrows/WASD  x/v/space X  z/c Z  t log  F12 shot  p pause  q quit"; }

    @Override protected void bind(Imports imports) { runtime.bind(imports); }

    @Override protected void checkExports(CompiledModule module) {
        FunctionType none = FunctionType.of();
        runtime.attach(machine, new Wasm4Runtime.ExportCheck() {
            @Override public WasmFunction require(String name) { return requireExport(module, name, none); }

            @Override public WasmFunction optional(String name) { return exportsFunction(module, name) ? require(name) : null; }
        });
    }

    @Override public void resize(double worldW, double worldH) {
        // WASM-4 draws 160x160 whatever the terminal.
    }

    private FramePhase phase;
    private java.util.function.Consumer<String> phaseListener;

    @Override public void frame(double dt, FramePhase phase) {
        if (phase != this.phase) { // the same phase every frame: adapt it once, not per frame
            this.phase = phase;
            phaseListener = phase::enter;
        }
        try {
            runtime.frame(phaseListener);
        } finally {
            composite(); // after a trap too: the picture is the framebuffer as the trap left it, like the memory
        }
    }

    /** Paints the framebuffer into the picture in the current palette (under the picture's lock, for viewers). */
    private void composite() {
        for (int i = 0; i < 4; i++) palette[i] = runtime.paletteColor(i);
        runtime.memory().read(Wasm4.FRAMEBUFFER, framebuffer, 0, framebuffer.length);
        synchronized (fb) {
            fb.clear(palette[0]);
            fb.palette(palette);
            for (int y = 0; y < Wasm4.HEIGHT; y++) {
                for (int x = 0; x < Wasm4.WIDTH; x++) fb.set(x, y, palette[Ppu.pixel(framebuffer, x, y)]);
            }
        }
    }

    private static int gamepadBit(Button b) {
        switch (b) {
            case A: return Wasm4.BUTTON_X;
            case B: return Wasm4.BUTTON_Z;
            case LEFT: return Wasm4.BUTTON_LEFT;
            case RIGHT: return Wasm4.BUTTON_RIGHT;
            case UP: return Wasm4.BUTTON_UP;
            case DOWN: return Wasm4.BUTTON_DOWN;
            default: return 0;
        }
    }

    @Override public void button(Button b, boolean down) { button(0, b, down); }

    @Override public void button(int player, Button b, boolean down) {
        if (player >= 0 && player < Wasm4.PLAYERS) runtime.gamepadBit(player, gamepadBit(b), down);
    }

    @Override public int players() { return Wasm4.PLAYERS; }

    @Override public void netplay(int localPlayer) { runtime.netplay(localPlayer); }

    @Override public void mouse(int x, int y, int buttons) { runtime.mouse(x, y, buttons); }

    @Override public int fixedRate() { return 60; }

    @Override public boolean fixedPicture() { return true; }

    /** WASM-4's keys: X is x, v or space; Z is z, c, y or n; arrows or WASD move. */
    @Override public Button buttonForKey(String key) {
        switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "x": case "v": case "space": case " ": return Button.A;
            case "z": case "c": case "y": case "n": return Button.B;
            case "left": case "a": return Button.LEFT;
            case "right": case "d": return Button.RIGHT;
            case "up": case "w": return Button.UP;
            case "down": case "s": return Button.DOWN;
            default: return null;
        }
    }

    @Override public OptionalLong score() { return OptionalLong.empty(); }

    @Override public void close() { runtime.close(); }
}
