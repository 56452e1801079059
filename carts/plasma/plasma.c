/*
 * Plasma for WASM-4, built with -msimd128: the whole framebuffer is rewritten every frame with 128-bit
 * vector operations (6400 bytes are exactly 400 vectors), then text and a cursor are drawn over it.
 * Arrows change the two wave speeds; X freezes the picture. A test cart for the engine's SIMD support.
 */
#include <wasm_simd128.h>
#include "../include/wasm4.h"

enum { ROW_BYTES = SCREEN_SIZE / 4, VECTORS = FRAMEBUFFER_SIZE / 16 };

static uint32_t frame;
static int8_t speedA = 1, speedB = 2;
static uint8_t previousPad;

WASM4_EXPORT("start") void start(void) {
    PALETTE[0] = 0x1a1c2c;
    PALETTE[1] = 0x5d275d;
    PALETTE[2] = 0xb13e53;
    PALETTE[3] = 0xffcd75;
}

/* Four copies of a 2-bit colour in each byte: 4 pixels of one colour. */
static v128_t solidPixels(v128_t colour) {
    v128_t c = wasm_v128_and(colour, wasm_i8x16_splat(3));
    v128_t two = wasm_i16x8_shl(c, 2), four = wasm_i16x8_shl(c, 4), six = wasm_i16x8_shl(c, 6);
    return wasm_v128_or(wasm_v128_or(c, two), wasm_v128_or(four, six));
}

static void paintPlasma(void) {
    /* Byte offsets 0..15 within a vector, and where each of its bytes falls in its row. */
    const v128_t lane = wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    v128_t *out = (v128_t *)FRAMEBUFFER;
    uint8_t phaseA = (uint8_t)(frame * (uint32_t)speedA), phaseB = (uint8_t)(frame * (uint32_t)speedB);
    for (int i = 0; i < VECTORS; i++) {
        int start = i * 16;
        int row = start / ROW_BYTES, column = start % ROW_BYTES;
        /* Column of each byte, wrapped into the row (a vector may straddle two rows). */
        v128_t columns = wasm_i8x16_add(lane, wasm_i8x16_splat((int8_t)column));
        v128_t wrapped = wasm_i8x16_gt(columns, wasm_i8x16_splat(ROW_BYTES - 1));
        columns = wasm_v128_bitselect(wasm_i8x16_sub(columns, wasm_i8x16_splat(ROW_BYTES)), columns, wrapped);
        v128_t rows = wasm_i8x16_sub(wasm_i8x16_splat((int8_t)row), wrapped); /* true lanes are -1 */
        /* Two triangle waves (|x| of a wrapping ramp) crossing at different angles, averaged: a moving lattice
         * of diamonds. Bytes wrap at 256, which is what makes the ramps repeat. */
        v128_t rampA = wasm_i8x16_add(wasm_i8x16_add(wasm_i8x16_shl(columns, 3), wasm_i8x16_shl(rows, 1)), wasm_i8x16_splat((int8_t)phaseA));
        v128_t rampB = wasm_i8x16_sub(wasm_i8x16_shl(columns, 2), wasm_i8x16_add(wasm_i8x16_add(wasm_i8x16_shl(rows, 1), rows), wasm_i8x16_splat((int8_t)phaseB)));
        v128_t mix = wasm_u8x16_avgr(wasm_i8x16_abs(rampA), wasm_i8x16_abs(rampB)); /* 0..128 */
        v128_t colour = wasm_u8x16_min(wasm_u8x16_shr(mix, 5), wasm_i8x16_splat(3));
        wasm_v128_store(out + i, solidPixels(colour));
    }
}

WASM4_EXPORT("update") void update(void) {
    uint8_t pad = *GAMEPAD1, pressed = pad & (uint8_t)~previousPad;
    previousPad = pad;
    if (pressed & BUTTON_LEFT) speedA--;
    if (pressed & BUTTON_RIGHT) speedA++;
    if (pressed & BUTTON_UP) speedB++;
    if (pressed & BUTTON_DOWN) speedB--;
    if (!(pad & BUTTON_1)) frame++;

    paintPlasma();
    *DRAW_COLORS = 0x14;
    text("SIMD PLASMA", 36, 4);
    *DRAW_COLORS = 0x41;
    rect(*MOUSE_X - 2, *MOUSE_Y - 2, 5, 5);
}
