/*
 * termcade.h: the termcade cartridge ABI for C (clang --target=wasm32, no libc).
 *
 * A termcade cart imports any of these functions from the module "termcade", exports its memory (the linker
 * does by default) and exports frame(double dt), plus optionally start(). Coordinates are framebuffer pixels,
 * y down; the framebuffer follows the terminal's size, so ask width() and height() every frame. Colours are
 * 0xRRGGBB. Build (see carts/README.md):
 *
 *   clang --target=wasm32 -O2 -nostdlib -fno-builtin -Wl,--no-entry -Wl,--export-dynamic -o cart.wasm cart.c
 */
#ifndef TERMCADE_H
#define TERMCADE_H

#include <stdint.h>

#define TERMCADE_IMPORT(name) __attribute__((import_module("termcade"), import_name(name)))
/** Marks the cart's entry points: TERMCADE_EXPORT("frame") void frame(double dt) { ... } */
#define TERMCADE_EXPORT(name) __attribute__((export_name(name)))

/* ---- Buttons: bits of buttons() ------------------------------------------------------------------- */

#define BUTTON_LEFT 1     /* left arrow, a */
#define BUTTON_RIGHT 2    /* right arrow, d */
#define BUTTON_UP 4       /* up arrow, w */
#define BUTTON_DOWN 8     /* down arrow, s */
#define BUTTON_A 16       /* space, z */
#define BUTTON_B 32       /* x */
#define BUTTON_START 64   /* enter */
#define BUTTON_SELECT 128 /* tab */

/* ---- Drawing -------------------------------------------------------------------------------------- */

/** Fills the whole screen; the renderer also treats this colour as empty background. */
TERMCADE_IMPORT("clear") void clear(int32_t rgb);

/** Sets one pixel. Pixels outside the framebuffer are ignored (by every drawing call). */
TERMCADE_IMPORT("pixel") void pixel(int32_t x, int32_t y, int32_t rgb);

/** A line from (x0, y0) to (x1, y1), both ends included. */
TERMCADE_IMPORT("line") void line(int32_t x0, int32_t y0, int32_t x1, int32_t y1, int32_t rgb);

/** A filled w x h rectangle with its top left corner at (x, y). */
TERMCADE_IMPORT("rect") void rect(int32_t x, int32_t y, int32_t w, int32_t h, int32_t rgb);

/** The one-pixel outline of the rectangle rect() would fill. */
TERMCADE_IMPORT("rect_outline") void rect_outline(int32_t x, int32_t y, int32_t w, int32_t h, int32_t rgb);

/** A filled circle of radius r around (x, y). */
TERMCADE_IMPORT("circle") void circle(int32_t x, int32_t y, int32_t r, int32_t rgb);

/** The outline of the circle circle() would fill. */
TERMCADE_IMPORT("circle_outline") void circle_outline(int32_t x, int32_t y, int32_t r, int32_t rgb);

/**
 * `len` bytes of UTF-8 text at `str`, drawn as terminal characters starting at the cell that holds pixel
 * (x, y). A cell is 1x2 pixels in half-block mode and 2x4 in braille mode, so text is coarser than pixels.
 */
TERMCADE_IMPORT("text") void text(int32_t x, int32_t y, const char *str, int32_t len, int32_t rgb);

/* ---- The console ---------------------------------------------------------------------------------- */

/** The framebuffer's size in pixels; both change when the terminal is resized. */
TERMCADE_IMPORT("width") int32_t width(void);
TERMCADE_IMPORT("height") int32_t height(void);

/** The buttons held right now (BUTTON_* bits). */
TERMCADE_IMPORT("buttons") int32_t buttons(void);

/** Seconds of game time since the cart started (paused time does not count). */
TERMCADE_IMPORT("time") double time(void);

/** A non-negative pseudo-random number; `play --seed N` fixes the sequence, so replays are exact. */
TERMCADE_IMPORT("random") int32_t random(void);

/** The score shown in the status line (hidden until the first call). */
TERMCADE_IMPORT("set_score") void set_score(int32_t score);

/** A line for the console's log (the `t` key shows it while playing; stderr in headless runs). UTF-8. */
TERMCADE_IMPORT("log") void log_text(const char *text, int32_t len);

/* ---- Metadata ------------------------------------------------------------------------------------- */

/*
 * The console shows the cart's own title instead of its file name, and its own key hints, if the cart carries
 * the custom sections "termcade.title" and "termcade.keys" (UTF-8; hints two spaces apart, the last one kept
 * longest on a narrow terminal). Use each macro once, at file scope, with a plain string literal:
 *
 *   TERMCADE_TITLE("Catch");
 *   TERMCADE_KEYS("arrows move  space jump  q quit");
 */
#define TERMCADE_CUSTOM_SECTION(section, text) \
    __asm__(".section .custom_section." section ",\"\",@\n.ascii \"" text "\"\n.text\n")
#define TERMCADE_TITLE(text) TERMCADE_CUSTOM_SECTION("termcade.title", text)
#define TERMCADE_KEYS(text) TERMCADE_CUSTOM_SECTION("termcade.keys", text)

#endif /* TERMCADE_H */
