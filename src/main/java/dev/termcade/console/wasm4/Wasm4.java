package dev.termcade.console.wasm4;

/**
 * The WASM-4 memory map and constants (wasm4.org "Memory map"): the cart and the console share one 64 KiB page,
 * and every register below is a plain address in it.
 */
public final class Wasm4 {
    private Wasm4() {}

    public static final int WIDTH = 160, HEIGHT = 160;
    public static final int MEMORY_SIZE = 65536;

    public static final int PALETTE = 0x04;
    public static final int DRAW_COLORS = 0x14;
    public static final int GAMEPAD1 = 0x16;
    public static final int MOUSE_X = 0x1a, MOUSE_Y = 0x1c, MOUSE_BUTTONS = 0x1e;
    public static final int SYSTEM_FLAGS = 0x1f;
    public static final int NETPLAY = 0x20;
    public static final int FRAMEBUFFER = 0xa0;
    public static final int FRAMEBUFFER_SIZE = WIDTH * HEIGHT / 4;

    /** SYSTEM_FLAGS bits. */
    public static final int PRESERVE_FRAMEBUFFER = 1, HIDE_GAMEPAD_OVERLAY = 2;
    /** NETPLAY: bit 2 says netplay is active, bits 0-1 hold the local player's index. */
    public static final int NETPLAY_ACTIVE = 0b100;

    /** Gamepad bits. */
    public static final int BUTTON_X = 1, BUTTON_Z = 2, BUTTON_LEFT = 16, BUTTON_RIGHT = 32, BUTTON_UP = 64, BUTTON_DOWN = 128;
    /** MOUSE_BUTTONS bits. */
    public static final int MOUSE_LEFT = 1, MOUSE_RIGHT = 2, MOUSE_MIDDLE = 4;
    /** blit flags. */
    public static final int BLIT_2BPP = 1, BLIT_FLIP_X = 2, BLIT_FLIP_Y = 4, BLIT_ROTATE = 8;

    /** The palette the console starts with, light to dark. */
    public static final int[] DEFAULT_PALETTE = {0xe0f8cf, 0x86c06c, 0x306850, 0x071821};
    public static final int DEFAULT_DRAW_COLORS = 0x1203;
    /** Where the mouse is until the player moves it: off screen. */
    public static final short MOUSE_OFF_SCREEN = 0x7fff;
    /** Bytes of persistent storage per cart. */
    public static final int DISK_SIZE = 1024;
    public static final int PLAYERS = 4;
}
