// Snake for the Termcade console, written against the general "termcade" ABI (see ../README.md).
// Plain C, no libc: built with clang --target=wasm32 (see ../build.sh).

#define IMPORT(name) __attribute__((import_module("termcade"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(clear) void tc_clear(int rgb);
IMPORT(rect) void tc_rect(int x, int y, int w, int h, int rgb);
IMPORT(rect_outline) void tc_rect_outline(int x, int y, int w, int h, int rgb);
IMPORT(circle) void tc_circle(int x, int y, int r, int rgb);
IMPORT(text) void tc_text(int x, int y, const char *s, int len, int rgb);
IMPORT(width) int tc_width(void);
IMPORT(height) int tc_height(void);
IMPORT(buttons) int tc_buttons(void);
IMPORT(random) int tc_random(void);
IMPORT(set_score) void tc_set_score(int score);

enum { LEFT = 1, RIGHT = 2, UP = 4, DOWN = 8, A = 16, START = 64 };
enum { CELL = 2, MAX_LEN = 4096, TOP = 2 };
enum { BACKGROUND = 0x101820, WALL = 0x3A4A5A, SNAKE = 0x40D060, HEAD = 0xA0FF80, FOOD = 0xFF4040, TEXT = 0xFFFFFF };

static int gw, gh;                 // grid size in cells
static int xs[MAX_LEN], ys[MAX_LEN];
static int head, len;              // ring buffer of body positions, head at xs[head]
static int dx = 1, dy = 0, ndx = 1, ndy = 0;
static int food_x, food_y;
static int score, over, started;
static double step_timer;

static int slen(const char *s) { int n = 0; while (s[n]) n++; return n; }

static void text(int x, int y, const char *s, int rgb) { tc_text(x, y, s, slen(s), rgb); }

static int itoa(int v, char *out) {
    char tmp[12];
    int n = 0, k = 0;
    if (v == 0) tmp[n++] = '0';
    while (v > 0) { tmp[n++] = (char)('0' + v % 10); v /= 10; }
    while (n > 0) out[k++] = tmp[--n];
    out[k] = 0;
    return k;
}

static int occupied(int x, int y) {
    for (int i = 0; i < len; i++) {
        int j = (head - i + MAX_LEN) % MAX_LEN;
        if (xs[j] == x && ys[j] == y) return 1;
    }
    return 0;
}

static void place_food(void) {
    for (int tries = 0; tries < 1000; tries++) {
        food_x = 1 + tc_random() % (gw - 2);
        food_y = 1 + tc_random() % (gh - 2);
        if (!occupied(food_x, food_y)) return;
    }
}

static void reset(void) {
    gw = tc_width() / CELL;
    gh = (tc_height() - TOP * CELL) / CELL;
    if (gw < 8) gw = 8;
    if (gh < 6) gh = 6;
    len = 4;
    head = len - 1;
    for (int i = 0; i < len; i++) { xs[i] = gw / 2 - (len - 1 - i); ys[i] = gh / 2; }
    dx = ndx = 1;
    dy = ndy = 0;
    score = 0;
    over = 0;
    step_timer = 0;
    tc_set_score(0);
    place_food();
}

EXPORT(start) void start(void) { reset(); }

static void steer(void) {
    int b = tc_buttons();
    if ((b & LEFT) && dx != 1) { ndx = -1; ndy = 0; }
    if ((b & RIGHT) && dx != -1) { ndx = 1; ndy = 0; }
    if ((b & UP) && dy != 1) { ndx = 0; ndy = -1; }
    if ((b & DOWN) && dy != -1) { ndx = 0; ndy = 1; }
}

static void advance(void) {
    dx = ndx;
    dy = ndy;
    int nx = xs[head] + dx, ny = ys[head] + dy;
    if (nx <= 0 || ny <= 0 || nx >= gw - 1 || ny >= gh - 1 || occupied(nx, ny)) { over = 1; return; }
    head = (head + 1) % MAX_LEN;
    xs[head] = nx;
    ys[head] = ny;
    if (nx == food_x && ny == food_y) {
        if (len < MAX_LEN - 1) len++;
        score += 10;
        tc_set_score(score);
        place_food();
    }
}

static void draw(void) {
    char buf[32];
    tc_clear(BACKGROUND);
    int oy = TOP * CELL;
    tc_rect_outline(0, oy, gw * CELL, gh * CELL, WALL);
    tc_rect(food_x * CELL, oy + food_y * CELL, CELL, CELL, FOOD);
    for (int i = 0; i < len; i++) {
        int j = (head - i + MAX_LEN) % MAX_LEN;
        tc_rect(xs[j] * CELL, oy + ys[j] * CELL, CELL, CELL, i == 0 ? HEAD : SNAKE);
    }
    int n = itoa(score, buf + 7);
    buf[0] = 'S'; buf[1] = 'c'; buf[2] = 'o'; buf[3] = 'r'; buf[4] = 'e'; buf[5] = ':'; buf[6] = ' ';
    tc_text(0, 0, buf, 7 + n, TEXT);
    if (over) {
        text(tc_width() / 2 - 10, tc_height() / 2, "GAME OVER - press space", TEXT);
    }
}

EXPORT(frame) void frame(double dt) {
    if (!started) { started = 1; reset(); }
    if (tc_width() / CELL != gw || (tc_height() - TOP * CELL) / CELL != gh) reset();
    if (over) {
        if (tc_buttons() & (A | START)) reset();
    } else {
        steer();
        step_timer += dt;
        double interval = 0.12 - (score / 10) * 0.002;
        if (interval < 0.05) interval = 0.05;
        while (step_timer >= interval && !over) { step_timer -= interval; advance(); }
    }
    draw();
}
