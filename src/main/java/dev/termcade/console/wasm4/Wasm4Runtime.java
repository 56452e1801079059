package dev.termcade.console.wasm4;

import static dev.termcade.console.wasm4.Wasm4.MEMORY_SIZE;

import dev.termcade.vm.FunctionType;
import dev.termcade.vm.HostFrame;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Memory;
import dev.termcade.vm.Trap;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * The WASM-4 console around one cart: its 64 KiB memory with the registers set as WASM-4 sets them, the {@code env}
 * imports, and the frame: inputs written to memory, the framebuffer cleared (unless the cart asks to keep it),
 * {@code update}, one tick of sound. As in WASM-4's native runtime, {@code _start} and {@code _initialize} run
 * first of all (as the module loads, before any input), and the first frame calls {@code start} after writing the
 * input instead of clearing.
 *
 * <p>Threads: the game thread calls {@link #frame}; any thread may set gamepads, the mouse and netplay, which the
 * next frame picks up.
 */
public final class Wasm4Runtime {
    private static final ValueType I32 = ValueType.I32;

    private final Memory memory = new Memory(1, 1);
    private final Ppu ppu = new Ppu(memory);
    private final Wasm4Disk disk;
    private final Consumer<String> trace;
    private final Wasm4Sound sound;
    private final AtomicIntegerArray gamepads = new AtomicIntegerArray(Wasm4.PLAYERS);
    /** x (16 bits), y (16 bits), buttons (8 bits), packed so a frame never sees half an update. */
    private volatile long mouse = packMouse(Wasm4.MOUSE_OFF_SCREEN, Wasm4.MOUSE_OFF_SCREEN, 0);
    private volatile int pendingNetplay = -1;
    private WasmFunction update, start, wasiStart, wasiInitialize;
    private Machine machine;
    private boolean started;
    private final Ppu.CharSource bytes = i -> memory.readByte(i) & 0xFF;
    private final Ppu.CharSource utf16Units = i -> memory.readShort(2L * i) & 0xFFFF;

    public Wasm4Runtime(Wasm4Disk disk, Consumer<String> trace, Wasm4Sound sound) {
        this.disk = disk;
        // WASM-4 keeps playing when its storage fails; say so where traces go.
        disk.onSaveError(trace);
        this.trace = trace;
        this.sound = sound;
        for (int i = 0; i < 4; i++) memory.writeInt(Wasm4.PALETTE + 4 * i, Wasm4.DEFAULT_PALETTE[i]);
        memory.writeShort(Wasm4.DRAW_COLORS, (short) Wasm4.DEFAULT_DRAW_COLORS);
        memory.writeShort(Wasm4.MOUSE_X, Wasm4.MOUSE_OFF_SCREEN);
        memory.writeShort(Wasm4.MOUSE_Y, Wasm4.MOUSE_OFF_SCREEN);
    }

    public Memory memory() { return memory; }
    public Ppu ppu() { return ppu; }
    public Wasm4Disk disk() { return disk; }

    /** The colour (0xRRGGBB) of palette entry {@code i} as the cart has set it. */
    public int paletteColor(int i) { return memory.readInt(Wasm4.PALETTE + 4 * i) & 0xFFFFFF; }

    private static long packMouse(int x, int y, int buttons) {
        return (x & 0xFFFFL) | (y & 0xFFFFL) << 16 | (buttons & 0xFFL) << 32;
    }

    /** Sets player {@code player}'s (0-3) gamepad bits, read at the next frame. Any thread. */
    public void gamepad(int player, int mask) { gamepads.set(player, mask & 0xFF); }

    public int gamepad(int player) { return gamepads.get(player); }

    /** Changes player {@code player}'s gamepad bit {@code bit}. Any thread. */
    public void gamepadBit(int player, int bit, boolean down) {
        int m;
        do {
            m = gamepads.get(player);
        } while (!gamepads.compareAndSet(player, m, down ? m | bit : m & ~bit));
    }

    /** Sets the mouse in screen pixels (may be off screen) and its buttons. Any thread. */
    public void mouse(int x, int y, int buttons) { mouse = packMouse(x, y, buttons); }

    /** Marks netplay active with {@code localPlayer} (0-3) as this screen's player; written once, at the next frame. */
    public void netplay(int localPlayer) { pendingNetplay = Wasm4.NETPLAY_ACTIVE | (localPlayer & 3); }

    /** Binds {@code env.memory} and every WASM-4 function. */
    public void bind(Imports im) {
        im.add("env", "memory", memory);
        im.function("env", "blit", FunctionType.of(I32, I32, I32, I32, I32, I32), f ->
                blitSub(f.i32(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4), 0, 0, f.i32(3), f.i32(5)));
        im.function("env", "blitSub", FunctionType.of(I32, I32, I32, I32, I32, I32, I32, I32, I32), f ->
                blitSub(f.i32(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4), f.i32(5), f.i32(6), f.i32(7), f.i32(8)));
        im.function("env", "line", FunctionType.of(I32, I32, I32, I32), f -> ppu.line(f.i32(0), f.i32(1), f.i32(2), f.i32(3)));
        im.function("env", "hline", FunctionType.of(I32, I32, I32), f -> ppu.hline(f.i32(0), f.i32(1), f.i32(2)));
        im.function("env", "vline", FunctionType.of(I32, I32, I32), f -> ppu.vline(f.i32(0), f.i32(1), f.i32(2)));
        im.function("env", "oval", FunctionType.of(I32, I32, I32, I32), f -> ppu.oval(f.i32(0), f.i32(1), f.i32(2), f.i32(3)));
        im.function("env", "rect", FunctionType.of(I32, I32, I32, I32), f -> ppu.rect(f.i32(0), f.i32(1), f.i32(2), f.i32(3)));
        im.function("env", "text", FunctionType.of(I32, I32, I32), f -> {
            int ptr = f.i32(0);
            checkRange("text", ptr, 0);
            ppu.text(bytes, ptr, MEMORY_SIZE, f.i32(1), f.i32(2));
        });
        im.function("env", "textUtf8", FunctionType.of(I32, I32, I32, I32), f -> {
            int ptr = f.i32(0), len = f.i32(1);
            checkRange("textUtf8", ptr, len);
            ppu.text(bytes, ptr, ptr + len, f.i32(2), f.i32(3));
        });
        im.function("env", "textUtf16", FunctionType.of(I32, I32, I32, I32), f -> {
            int ptr = f.i32(0), units = f.i32(1) >> 1;
            if ((ptr & 1) != 0) throw outOfBounds("textUtf16", "the string at " + ptr + " is not 2-byte aligned");
            checkRange("textUtf16", ptr, 2L * units);
            ppu.text(utf16Units, ptr >> 1, (ptr >> 1) + units, f.i32(2), f.i32(3));
        });
        im.function("env", "tone", FunctionType.of(I32, I32, I32, I32), f -> sound.tone(f.i32(0), f.i32(1), f.i32(2), f.i32(3)));
        im.function("env", "diskr", FunctionType.of(I32, I32).returning(I32), f -> {
            int dest = f.i32(0), n = Math.min(f.i32(1), disk.size());
            checkRange("diskr", dest, 0);
            checkRange("diskr", 0, n);
            checkRange("diskr", dest, n);
            f.i32(0, disk.read(memory, dest, n));
        });
        im.function("env", "diskw", FunctionType.of(I32, I32).returning(I32), f -> {
            int src = f.i32(0), n = Math.min(f.i32(1), Wasm4.DISK_SIZE);
            checkRange("diskw", src, n);
            disk.write(memory, src, n);
            f.i32(0, n);
        });
        im.function("env", "trace", FunctionType.of(I32), f -> trace.accept(cString("trace", f.i32(0))));
        im.function("env", "traceUtf8", FunctionType.of(I32, I32), f -> {
            int ptr = f.i32(0), len = f.i32(1);
            checkRange("traceUtf8", ptr, len);
            trace.accept(memory.readString(ptr, len, StandardCharsets.UTF_8));
        });
        im.function("env", "traceUtf16", FunctionType.of(I32, I32), f -> {
            int ptr = f.i32(0), len = f.i32(1);
            checkRange("traceUtf16", ptr, len);
            trace.accept(memory.readString(ptr, len, StandardCharsets.UTF_16LE));
        });
        im.function("env", "tracef", FunctionType.of(I32, I32), f -> trace.accept(Tracef.format(this, f.i32(0), f.i32(1))));
    }

    private void blitSub(int sprite, int x, int y, int w, int h, int srcX, int srcY, int stride, int flags) {
        checkRange("blit", sprite, 0);
        ppu.blit(sprite, x, y, w, h, srcX, srcY, stride, flags);
    }

    /** Traps unless {@code len} bytes from {@code ptr} lie inside memory (a negative length never does). */
    static void checkRange(String function, long ptr, long len) {
        if (ptr < 0 || len < 0 || ptr + len > MEMORY_SIZE) {
            throw outOfBounds(function, len + " bytes at " + ptr + " are outside the 64 KiB memory");
        }
    }

    static Trap outOfBounds(String function, String what) {
        return new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access in " + function + ": " + what);
    }

    /** The NUL-terminated string at {@code ptr}, one character per byte (Latin-1), as WASM-4's trace reads it. */
    String cString(String function, long ptr) {
        checkRange(function, ptr, 1);
        int end = (int) ptr;
        while (memory.readByte(end) != 0) {
            if (++end >= MEMORY_SIZE) throw outOfBounds(function, "the string at " + ptr + " has no end");
        }
        return memory.readString(ptr, end - (int) ptr, StandardCharsets.ISO_8859_1);
    }

    int byteAt(String function, long ptr) {
        checkRange(function, ptr, 1);
        return memory.readByte(ptr) & 0xFF;
    }

    /**
     * Finds the exports ({@code update} is required, {@code start}, {@code _start} and {@code _initialize} optional)
     * and the machine that runs them.
     */
    public void attach(Machine machine, ExportCheck check) {
        this.machine = machine;
        update = check.require("update");
        start = check.optional("start");
        wasiStart = check.optional("_start");
        wasiInitialize = check.optional("_initialize");
    }

    /** How the caller looks up exports of type {@code () -> ()}, reporting a missing or mistyped one its own way. */
    public interface ExportCheck {
        WasmFunction require(String name);

        WasmFunction optional(String name);
    }

    /**
     * One frame at 60 Hz. {@code phase} hears which export is about to run (for the watchdog's message). Traps
     * propagate to the caller.
     */
    public void frame(Consumer<String> phase) {
        if (!started) {
            // WASI entry points run as the module loads, before the console writes any input.
            call(wasiStart, "_start()", phase);
            call(wasiInitialize, "_initialize()", phase);
        }
        int net = pendingNetplay;
        if (net >= 0) {
            memory.writeByte(Wasm4.NETPLAY, (byte) net);
            pendingNetplay = -1;
        }
        for (int p = 0; p < Wasm4.PLAYERS; p++) memory.writeByte(Wasm4.GAMEPAD1 + p, (byte) gamepads.get(p));
        long m = mouse;
        memory.writeShort(Wasm4.MOUSE_X, (short) m);
        memory.writeShort(Wasm4.MOUSE_Y, (short) (m >> 16));
        memory.writeByte(Wasm4.MOUSE_BUTTONS, (byte) (m >> 32));
        if (!started) {
            // The native runtime's first frame: start() after the input, and no clear before update().
            started = true;
            call(start, "start()", phase);
        } else if ((memory.readByte(Wasm4.SYSTEM_FLAGS) & Wasm4.PRESERVE_FRAMEBUFFER) == 0) {
            ppu.clear();
        }
        call(update, "update()", phase);
        sound.tick();
    }

    private void call(WasmFunction f, String name, Consumer<String> phase) {
        if (f == null) return;
        phase.accept(name);
        machine.callRaw(f);
    }

    public void close() {
        sound.close();
        disk.close();
    }
}
