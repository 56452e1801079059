/*
 * wasm4.h: the WASM-4 fantasy console ABI for C carts built with clang --target=wasm32.
 *
 * Written for Termcade from the ABI as documented at wasm4.org (docs/reference: memory, functions).
 * A WASM-4 cart imports one page (64 KiB) of linear memory as env.memory, imports any of the functions
 * below from "env", and exports update() (called 60 times a second) and optionally start() (called once).
 * The first 6560 bytes of memory are the console's registers and framebuffer, so a cart links its data
 * above them (see carts/build.sh for the linker flags).
 */
#ifndef TERMCADE_WASM4_H
#define TERMCADE_WASM4_H

#include <stdint.h>

#define WASM4_IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define WASM4_EXPORT(name) __attribute__((export_name(name)))

/* ---- Screen ------------------------------------------------------------------------------------- */

/** The screen is SCREEN_SIZE x SCREEN_SIZE pixels, 2 bits each (a palette index 0..3). */
#define SCREEN_SIZE 160

/* ---- Memory map (addresses in the cart's own linear memory) -------------------------------------- */

/** Four colours, 0xRRGGBB each; palette index 0 is also the colour the screen is cleared to. */
#define PALETTE ((uint32_t *)0x04)
/**
 * Four 4-bit draw colours, lowest nibble first. Each nibble names a palette entry plus one (1..4) or is 0
 * for "transparent: leave the pixel alone". Drawing functions read the nibbles they need: rect and oval use
 * nibble 1 for the fill and nibble 2 for the outline; line, hline, vline and text use nibble 1 (text's
 * background is nibble 2); blit maps sprite colour k to nibble k+1.
 */
#define DRAW_COLORS ((uint16_t *)0x14)
/** Buttons held on each of the four gamepads (BUTTON_* bits). */
#define GAMEPAD1 ((const uint8_t *)0x16)
#define GAMEPAD2 ((const uint8_t *)0x17)
#define GAMEPAD3 ((const uint8_t *)0x18)
#define GAMEPAD4 ((const uint8_t *)0x19)
/** Mouse position in screen pixels (may lie outside 0..159) and held mouse buttons (MOUSE_* bits). */
#define MOUSE_X ((const int16_t *)0x1a)
#define MOUSE_Y ((const int16_t *)0x1c)
#define MOUSE_BUTTONS ((const uint8_t *)0x1e)
/** SYSTEM_* bits the cart sets to change how the console treats it. */
#define SYSTEM_FLAGS ((uint8_t *)0x1f)
/** Netplay state: bit 2 (NETPLAY_ACTIVE) is set in a networked session, bits 0-1 are the local player. */
#define NETPLAY ((const uint8_t *)0x20)
/** 160x160 pixels, 4 per byte, the leftmost pixel in the least significant two bits; rows of 40 bytes. */
#define FRAMEBUFFER ((uint8_t *)0xa0)
/** Size of the framebuffer in bytes. */
#define FRAMEBUFFER_SIZE 6400

/* Gamepad buttons. X is mapped to the keys x, v and space; Z to z, c, y and n. */
#define BUTTON_1 1     /* X */
#define BUTTON_2 2     /* Z */
#define BUTTON_LEFT 16
#define BUTTON_RIGHT 32
#define BUTTON_UP 64
#define BUTTON_DOWN 128

/* Mouse buttons. */
#define MOUSE_LEFT 1
#define MOUSE_RIGHT 2
#define MOUSE_MIDDLE 4

/* System flags. */
/** Keep the previous frame's pixels instead of clearing the framebuffer before each update(). */
#define SYSTEM_PRESERVE_FRAMEBUFFER 1
/** Do not draw the on-screen gamepad of touch devices. */
#define SYSTEM_HIDE_GAMEPAD_OVERLAY 2

/* Netplay. */
#define NETPLAY_ACTIVE 4
#define NETPLAY_PLAYER_INDEX_MASK 3

/* ---- Drawing ------------------------------------------------------------------------------------ */

/* blit / blitSub flags. */
#define BLIT_1BPP 0     /* 1 bit per pixel: colours 0 and 1 */
#define BLIT_2BPP 1     /* 2 bits per pixel: colours 0..3, first pixel in the two high bits of a byte */
#define BLIT_FLIP_X 2   /* mirror left-right */
#define BLIT_FLIP_Y 4   /* mirror top-bottom */
#define BLIT_ROTATE 8   /* rotate 90 degrees anticlockwise (applied after the flips) */

/** Draws a w x h sprite from memory at (x, y); sprite colours map through DRAW_COLORS. */
WASM4_IMPORT("blit")
void blit(const uint8_t *sprite, int32_t x, int32_t y, uint32_t width, uint32_t height, uint32_t flags);

/**
 * Draws the w x h region at (srcX, srcY) of a larger sprite sheet whose rows are `stride` pixels wide.
 */
WASM4_IMPORT("blitSub")
void blitSub(const uint8_t *sprite, int32_t x, int32_t y, uint32_t width, uint32_t height,
             uint32_t srcX, uint32_t srcY, uint32_t stride, uint32_t flags);

/** A line from (x1, y1) to (x2, y2), both ends included, in draw colour 1. */
WASM4_IMPORT("line")
void line(int32_t x1, int32_t y1, int32_t x2, int32_t y2);

/** A horizontal line of len pixels starting at (x, y), in draw colour 1. */
WASM4_IMPORT("hline")
void hline(int32_t x, int32_t y, uint32_t len);

/** A vertical line of len pixels starting at (x, y), in draw colour 1. */
WASM4_IMPORT("vline")
void vline(int32_t x, int32_t y, uint32_t len);

/** The ellipse inside the w x h box at (x, y): filled in draw colour 1, outlined in draw colour 2. */
WASM4_IMPORT("oval")
void oval(int32_t x, int32_t y, uint32_t width, uint32_t height);

/** A w x h rectangle at (x, y): filled in draw colour 1, outlined in draw colour 2. */
WASM4_IMPORT("rect")
void rect(int32_t x, int32_t y, uint32_t width, uint32_t height);

/**
 * Text from a NUL-terminated string in the built-in 8x8 font: glyphs in draw colour 1 on draw colour 2.
 * '\n' starts a new line 8 pixels lower at the original x.
 */
WASM4_IMPORT("text")
void text(const char *str, int32_t x, int32_t y);

/** Like text(), for `byteLength` bytes of UTF-8 (no terminator needed). */
WASM4_IMPORT("textUtf8")
void textUtf8(const char *str, uint32_t byteLength, int32_t x, int32_t y);

/** Like text(), for `byteLength` bytes of UTF-16LE. */
WASM4_IMPORT("textUtf16")
void textUtf16(const uint16_t *str, uint32_t byteLength, int32_t x, int32_t y);

/* ---- Sound -------------------------------------------------------------------------------------- */

/* tone flags: the channel (bits 0-1), the pulse duty cycle (bits 2-3), the stereo pan (bits 4-5). */
#define TONE_PULSE1 0
#define TONE_PULSE2 1
#define TONE_TRIANGLE 2
#define TONE_NOISE 3
#define TONE_MODE1 0    /* duty cycle 1/8 */
#define TONE_MODE2 4    /* duty cycle 1/4 */
#define TONE_MODE3 8    /* duty cycle 1/2 */
#define TONE_MODE4 12   /* duty cycle 3/4 */
#define TONE_PAN_LEFT 16
#define TONE_PAN_RIGHT 32
/** The frequency arguments are MIDI note numbers (low byte) plus a pitch bend (high byte, 1/256 note). */
#define TONE_NOTE_MODE 64

/**
 * Plays a tone.
 * frequency: start frequency in Hz in the low 16 bits, an optional end frequency (a slide) in the high 16.
 * duration:  frames of sustain (bits 0-7), release (8-15), decay (16-23), attack (24-31).
 * volume:    sustain volume 0..100 (bits 0-7), optional peak volume of the attack (8-15).
 * flags:     TONE_* bits.
 */
WASM4_IMPORT("tone")
void tone(uint32_t frequency, uint32_t duration, uint32_t volume, uint32_t flags);

/* ---- Storage ------------------------------------------------------------------------------------ */

/** Each cart has 1024 bytes of persistent storage. */
#define DISK_SIZE 1024

/** Reads up to `size` bytes of the cart's saved data into `dest`; returns the number of bytes read. */
WASM4_IMPORT("diskr")
uint32_t diskr(void *dest, uint32_t size);

/** Replaces the cart's saved data with `size` bytes from `src` (at most DISK_SIZE); returns bytes written. */
WASM4_IMPORT("diskw")
uint32_t diskw(const void *src, uint32_t size);

/* ---- Debugging ---------------------------------------------------------------------------------- */

/** Prints a NUL-terminated string to the console's debug output. */
WASM4_IMPORT("trace")
void trace(const char *str);

/** Prints `byteLength` bytes of UTF-8. */
WASM4_IMPORT("traceUtf8")
void traceUtf8(const char *str, uint32_t byteLength);

/** Prints `byteLength` bytes of UTF-16LE. */
WASM4_IMPORT("traceUtf16")
void traceUtf16(const uint16_t *str, uint32_t byteLength);

/**
 * Prints a formatted message: %c, %d, %x, %s (a string's address) and %f (a double) take the arguments in
 * order. clang passes C varargs to an import as the address of a block holding them, which is exactly what
 * the console reads.
 */
WASM4_IMPORT("tracef")
void tracef(const char *fmt, ...);

#endif /* TERMCADE_WASM4_H */
