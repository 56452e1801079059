/*
 * Pong for WASM-4: two players on GAMEPAD1 and GAMEPAD2 (the right paddle is the computer until gamepad 2
 * presses a button), or the mouse for the left paddle. First to 7 points wins. The longest rally and the
 * tally of wins persist on the cart's disk.
 */
#include "../include/wasm4.h"

/* ---- Court geometry (pixels) ---- */
enum {
    COURT_TOP = 12,            /* the top wall's row; the score sits above it */
    COURT_BOTTOM = 159,        /* the bottom wall's row */
    PADDLE_W = 3,
    PADDLE_H = 24,
    LEFT_PADDLE_X = 6,
    RIGHT_PADDLE_X = SCREEN_SIZE - 6 - PADDLE_W,
    BALL_SIZE = 4,
    WINNING_SCORE = 7,
    TRAIL_LENGTH = 6,
};

/* Positions and speeds are fixed point: 8 fraction bits, so the game is exact and deterministic. */
#define FIX(px) ((int32_t)((px) * 256))
#define PIXELS(fix) ((fix) >> 8)

enum {
    PLAYER_SPEED = FIX(2.5),
    CPU_SPEED = FIX(1.625),
    SERVE_SPEED = FIX(1.5),
    MAX_SPEED = FIX(4),
    SERVE_DELAY_FRAMES = 50,
};

/* Palette indices as DRAW_COLORS nibbles (palette entry + 1). */
enum { INK_BACKGROUND = 1, INK_DIM = 2, INK_MID = 3, INK_BRIGHT = 4 };

typedef enum { TITLE, SERVING, RALLY, GAME_OVER } Phase;

typedef struct {
    int32_t y;                 /* top edge, fixed point */
    int score;
} Paddle;

/* What the disk holds; `magic` tells a save of this layout from an empty or foreign disk. */
typedef struct {
    uint32_t magic;
    uint16_t bestRally;
    uint16_t leftWins;
    uint16_t rightWins;
    uint16_t cpuWins;
} Save;

#define SAVE_MAGIC 0x474E4F50u /* "PONG" */

static Paddle left, right;
static int32_t ballX, ballY, ballVX, ballVY;
static int32_t trailX[TRAIL_LENGTH], trailY[TRAIL_LENGTH];
static Phase phase = TITLE;
static int phaseFrames;
static int rally;
static int servingToRight;
static int secondPlayerJoined;
static uint32_t randomState = 12345;
static Save save;
static uint8_t previousPad1, previousPad2;

/* A crown for whoever leads: 8x8, 1 bit per pixel. */
static const uint8_t crown[8] = {
    0x00, 0x49, 0x49, 0x6b, 0x7f, 0x7f, 0x3e, 0x00,
};

static uint32_t nextRandom(void) {
    randomState = randomState * 1103515245u + 12345u;
    return randomState >> 16;
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Writes v in decimal at out (at least one digit), NUL-terminated; returns the length. */
static int formatNumber(char *out, int v) {
    char digits[12];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (int i = 0; i < n; i++) out[i] = digits[n - 1 - i];
    out[n] = 0;
    return n;
}

/* Copies s to out and returns the position after it, for building short lines of text. */
static char *append(char *out, const char *s) {
    while (*s) *out++ = *s++;
    *out = 0;
    return out;
}

static char *appendNumber(char *out, int v) { return out + formatNumber(out, v); }

static void persist(void) {
    save.magic = SAVE_MAGIC;
    diskw(&save, sizeof save);
}

static void resetBall(void) {
    ballX = FIX(SCREEN_SIZE / 2 - BALL_SIZE / 2);
    ballY = FIX((COURT_TOP + COURT_BOTTOM) / 2 - BALL_SIZE / 2);
    ballVX = 0;
    ballVY = 0;
    for (int i = 0; i < TRAIL_LENGTH; i++) {
        trailX[i] = ballX;
        trailY[i] = ballY;
    }
}

static void newMatch(void) {
    left.score = right.score = 0;
    left.y = right.y = FIX((COURT_TOP + COURT_BOTTOM - PADDLE_H) / 2);
    servingToRight = (int)(nextRandom() & 1);
    resetBall();
    phase = SERVING;
    phaseFrames = 0;
}

WASM4_EXPORT("start") void start(void) {
    /* A green-on-black arcade palette: background, dim, mid, bright. */
    PALETTE[0] = 0x0b1a12;
    PALETTE[1] = 0x1f5c3a;
    PALETTE[2] = 0x4fb06a;
    PALETTE[3] = 0xd8f8c0;
    if (diskr(&save, sizeof save) != sizeof save || save.magic != SAVE_MAGIC) {
        Save empty = {0};
        save = empty;
    }
    resetBall();
    trace("pong: X to start, gamepad 2 joins as the right player");
}

/* ---- Input ---- */

static int pressedNow(uint8_t buttons, uint8_t previous, uint8_t button) {
    return (buttons & button) && !(previous & button);
}

static void steer(Paddle *p, uint8_t buttons) {
    if (buttons & BUTTON_UP) p->y -= PLAYER_SPEED;
    if (buttons & BUTTON_DOWN) p->y += PLAYER_SPEED;
}

/* The left paddle follows the mouse while its left button is held over the screen. */
static void steerByMouse(Paddle *p) {
    if (!(*MOUSE_BUTTONS & MOUSE_LEFT)) return;
    int mx = *MOUSE_X, my = *MOUSE_Y;
    if (mx < 0 || mx >= SCREEN_SIZE || my < 0 || my >= SCREEN_SIZE) return;
    int32_t target = FIX(my - PADDLE_H / 2);
    int32_t step = clamp(target - p->y, -PLAYER_SPEED * 2, PLAYER_SPEED * 2);
    p->y += step;
}

/* The computer follows the ball when it comes its way, with a dead zone and a speed limit, so it can lose. */
static void steerByComputer(Paddle *p) {
    int32_t target = ballVX > 0 ? ballY + FIX(BALL_SIZE / 2) - FIX(PADDLE_H / 2)
                                : FIX((COURT_TOP + COURT_BOTTOM - PADDLE_H) / 2);
    int32_t gap = target - p->y;
    if (gap > FIX(3)) p->y += gap < CPU_SPEED ? gap : CPU_SPEED;
    else if (gap < -FIX(3)) p->y -= -gap < CPU_SPEED ? -gap : CPU_SPEED;
}

static void keepInCourt(Paddle *p) {
    p->y = clamp(p->y, FIX(COURT_TOP + 1), FIX(COURT_BOTTOM - PADDLE_H));
}

/* ---- Physics ---- */

static void serve(void) {
    int32_t vy = (int32_t)(nextRandom() % 385) - 192; /* -0.75 .. +0.75 px per frame */
    ballVX = servingToRight ? SERVE_SPEED : -SERVE_SPEED;
    ballVY = vy;
    rally = 0;
    phase = RALLY;
    tone(220 | (440u << 16), 6, 40, TONE_PULSE2 | TONE_MODE2);
}

/* Returns whether the ball met the paddle at paddleX, and bounces it back if so. */
static int bounceOff(const Paddle *p, int32_t paddleX, int movingRight) {
    int32_t top = PIXELS(ballY), bottom = top + BALL_SIZE;
    int32_t paddleTop = PIXELS(p->y);
    if (bottom <= paddleTop || top >= paddleTop + PADDLE_H) return 0;
    int32_t bx = PIXELS(ballX);
    if (bx + BALL_SIZE < paddleX || bx > paddleX + PADDLE_W) return 0;

    /* Speed up by 1/16 each hit; the angle depends on where the ball met the paddle. */
    int32_t speed = (movingRight ? ballVX : -ballVX);
    speed += speed / 16;
    if (speed > MAX_SPEED) speed = MAX_SPEED;
    ballVX = movingRight ? -speed : speed;
    int32_t offset = (ballY + FIX(BALL_SIZE / 2)) - (p->y + FIX(PADDLE_H / 2)); /* -12..12 px */
    ballVY = offset / 6;
    ballX = FIX(movingRight ? paddleX - BALL_SIZE : paddleX + PADDLE_W);
    rally++;
    tone(movingRight ? 523 : 440, 4, 60, TONE_PULSE1 | TONE_MODE3 | (movingRight ? TONE_PAN_RIGHT : TONE_PAN_LEFT));
    return 1;
}

static void scorePoint(Paddle *scorer, int rightScored) {
    scorer->score++;
    tone(400 | (100u << 16), 20 | (10 << 8), 50, TONE_NOISE);
    tracef("pong: %s scores, %d-%d after a rally of %d", rightScored ? "right" : "left", left.score, right.score, rally);
    if (rally > save.bestRally) {
        save.bestRally = (uint16_t)rally;
        persist();
    }
    servingToRight = !rightScored;
    resetBall();
    phaseFrames = 0;
    if (scorer->score >= WINNING_SCORE) {
        if (!rightScored) save.leftWins++;
        else if (secondPlayerJoined) save.rightWins++;
        else save.cpuWins++;
        persist();
        phase = GAME_OVER;
    } else {
        phase = SERVING;
    }
}

static void moveBall(void) {
    for (int i = TRAIL_LENGTH - 1; i > 0; i--) {
        trailX[i] = trailX[i - 1];
        trailY[i] = trailY[i - 1];
    }
    trailX[0] = ballX;
    trailY[0] = ballY;

    ballX += ballVX;
    ballY += ballVY;
    if (ballY < FIX(COURT_TOP + 1)) {
        ballY = FIX(COURT_TOP + 1) + (FIX(COURT_TOP + 1) - ballY);
        ballVY = -ballVY;
        tone(880, 2, 25, TONE_TRIANGLE);
    } else if (ballY > FIX(COURT_BOTTOM - BALL_SIZE)) {
        ballY = FIX(COURT_BOTTOM - BALL_SIZE) - (ballY - FIX(COURT_BOTTOM - BALL_SIZE));
        ballVY = -ballVY;
        tone(880, 2, 25, TONE_TRIANGLE);
    }
    if (ballVX < 0) bounceOff(&left, LEFT_PADDLE_X, 0);
    else bounceOff(&right, RIGHT_PADDLE_X, 1);

    if (PIXELS(ballX) + BALL_SIZE < 0) scorePoint(&right, 1);
    else if (PIXELS(ballX) > SCREEN_SIZE) scorePoint(&left, 0);
}

/* ---- Drawing ---- */

static void drawCourt(void) {
    *DRAW_COLORS = INK_MID;
    hline(0, COURT_TOP, SCREEN_SIZE);
    hline(0, COURT_BOTTOM, SCREEN_SIZE);
    *DRAW_COLORS = INK_DIM;
    for (int y = COURT_TOP + 3; y < COURT_BOTTOM - 2; y += 8) vline(SCREEN_SIZE / 2, y, 4);
}

static void drawScores(void) {
    char buf[8];
    *DRAW_COLORS = INK_BRIGHT;
    formatNumber(buf, left.score);
    text(buf, SCREEN_SIZE / 2 - 20, 2);
    formatNumber(buf, right.score);
    text(buf, SCREEN_SIZE / 2 + 13, 2);
    *DRAW_COLORS = INK_MID;
    text("P1", 2, 2);
    text(secondPlayerJoined ? "P2" : "CPU", secondPlayerJoined ? SCREEN_SIZE - 18 : SCREEN_SIZE - 26, 2);
    /* The leader wears the crown, facing the net. */
    *DRAW_COLORS = INK_BRIGHT << 4; /* colour 0 transparent, colour 1 bright */
    if (left.score > right.score) blit(crown, 22, 2, 8, 8, BLIT_1BPP);
    if (right.score > left.score) blit(crown, SCREEN_SIZE - 38, 2, 8, 8, BLIT_1BPP | BLIT_FLIP_X);
}

static void drawPaddle(const Paddle *p, int32_t x) {
    *DRAW_COLORS = INK_MID | (INK_BRIGHT << 4); /* fill, outline */
    rect(x, PIXELS(p->y), PADDLE_W, PADDLE_H);
}

static void drawBall(void) {
    *DRAW_COLORS = INK_DIM;
    for (int i = 0; i + 1 < TRAIL_LENGTH; i++) {
        line(PIXELS(trailX[i]) + BALL_SIZE / 2, PIXELS(trailY[i]) + BALL_SIZE / 2,
             PIXELS(trailX[i + 1]) + BALL_SIZE / 2, PIXELS(trailY[i + 1]) + BALL_SIZE / 2);
    }
    *DRAW_COLORS = INK_BRIGHT | (INK_MID << 4);
    oval(PIXELS(ballX), PIXELS(ballY), BALL_SIZE, BALL_SIZE);
}

static void drawCentred(const char *s, int y) {
    int len = 0;
    while (s[len] && s[len] != '\n') len++;
    text(s, (SCREEN_SIZE - len * 8) / 2, y);
}

static void drawTitle(void) {
    char line1[40], line2[40];
    *DRAW_COLORS = INK_BRIGHT;
    drawCentred("P O N G", 30);
    *DRAW_COLORS = INK_MID;
    text("P1: arrows or\n    drag the mouse\nP2: gamepad 2\n    (else the CPU)", 12, 56);
    *DRAW_COLORS = INK_BRIGHT;
    if ((phaseFrames / 30) % 2 == 0) drawCentred("X to start", 100);
    *DRAW_COLORS = INK_DIM | (INK_BACKGROUND << 4);
    char *end = append(line1, "best rally ");
    appendNumber(end, save.bestRally);
    drawCentred(line1, 124);
    end = append(line2, "P1 ");
    end = appendNumber(end, save.leftWins);
    end = append(end, " P2 ");
    end = appendNumber(end, save.rightWins);
    end = append(end, " CPU ");
    appendNumber(end, save.cpuWins);
    drawCentred(line2, 136);
    *DRAW_COLORS = INK_MID | (INK_BRIGHT << 4);
    oval(70, 12, 20, 12);
}

WASM4_EXPORT("update") void update(void) {
    uint8_t pad1 = *GAMEPAD1, pad2 = *GAMEPAD2;
    if (!secondPlayerJoined && pad2) {
        secondPlayerJoined = 1;
        trace("pong: player 2 joined");
    }
    phaseFrames++;

    if (phase == TITLE || phase == GAME_OVER) {
        int clicked = (*MOUSE_BUTTONS & MOUSE_LEFT) && phaseFrames > 30;
        if (pressedNow(pad1, previousPad1, BUTTON_1) || pressedNow(pad2, previousPad2, BUTTON_1) || clicked) newMatch();
    } else {
        steer(&left, pad1);
        steerByMouse(&left);
        if (secondPlayerJoined) steer(&right, pad2);
        else steerByComputer(&right);
        keepInCourt(&left);
        keepInCourt(&right);
        if (phase == SERVING && phaseFrames >= SERVE_DELAY_FRAMES) serve();
        else if (phase == RALLY) moveBall();
    }
    previousPad1 = pad1;
    previousPad2 = pad2;

    if (phase == TITLE) {
        drawTitle();
        return;
    }
    drawCourt();
    drawScores();
    drawPaddle(&left, LEFT_PADDLE_X);
    drawPaddle(&right, RIGHT_PADDLE_X);
    if (phase == GAME_OVER) {
        *DRAW_COLORS = INK_BRIGHT | (INK_BACKGROUND << 4);
        drawCentred(left.score > right.score ? "PLAYER 1 WINS" : secondPlayerJoined ? "PLAYER 2 WINS" : "CPU WINS", 64);
        *DRAW_COLORS = INK_MID | (INK_BACKGROUND << 4);
        drawCentred("X to play again", 84);
    } else {
        drawBall();
        if (phase == SERVING && (phaseFrames / 10) % 2 == 0) {
            *DRAW_COLORS = INK_MID;
            drawCentred("ready", 40);
        }
    }
}
