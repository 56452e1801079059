// {{name}}: a termcade cart. Arrows (or WASD) move the square: catch the yellow dots.
// Build with ./build.sh, then play {{name}}.wasm. The ABI is documented in termcade.h.
#include "termcade.h"

static int player_x = 4, player_y = 4;  // the square's top left corner
static int dot_x = -1, dot_y = -1;      // the dot's centre; placed on the first frame
static int caught;

enum { PLAYER_SIZE = 5, DOT_RADIUS = 2 };

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static void place_dot(int w, int h) {
    // Keep the dot inside the screen even when the terminal is tiny.
    int span_x = w > 12 ? w - 8 : 4, span_y = h > 12 ? h - 8 : 4;
    dot_x = 4 + random() % span_x;
    dot_y = 4 + random() % span_y;
}

TERMCADE_EXPORT("start") void start(void) {
    set_score(0);
}

TERMCADE_EXPORT("frame") void frame(double dt) {
    (void)dt; // one step per frame; use dt for movement in pixels per second
    int w = width(), h = height();
    int held = buttons();
    if (held & BUTTON_LEFT) player_x--;
    if (held & BUTTON_RIGHT) player_x++;
    if (held & BUTTON_UP) player_y--;
    if (held & BUTTON_DOWN) player_y++;
    player_x = clamp(player_x, 0, w - PLAYER_SIZE);
    player_y = clamp(player_y, 0, h - PLAYER_SIZE);

    if (dot_x < 0 || dot_x >= w || dot_y >= h) place_dot(w, h);
    int dx = dot_x - (player_x + PLAYER_SIZE / 2), dy = dot_y - (player_y + PLAYER_SIZE / 2);
    if (dx * dx + dy * dy <= (PLAYER_SIZE / 2 + DOT_RADIUS) * (PLAYER_SIZE / 2 + DOT_RADIUS)) {
        set_score(++caught);
        place_dot(w, h);
    }

    clear(0x101828);
    circle(dot_x, dot_y, DOT_RADIUS, 0xFFCC33);
    rect(player_x, player_y, PLAYER_SIZE, PLAYER_SIZE, 0x44CCFF);
    static const char title[] = "{{name}}";
    text(0, 0, title, sizeof title - 1, 0x8899AA);
}
