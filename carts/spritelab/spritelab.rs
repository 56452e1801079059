//! Sprite lab for WASM-4: every blit flag combination at both depths, sprite sheets through blitSub, odd
//! sizes, transparency, shapes and text, plus a little sandbox: arrows walk a critter, the mouse stamps
//! sprites (left button) or clears them (right button), X changes the palette, Z saves the stamps and the
//! palette to disk. The number of launches persists too.
#![no_std]

#[path = "../include/wasm4.rs"]
mod wasm4;

use wasm4::*;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// ---- Sprites, drawn as text: one character per pixel ------------------------------------------------

/// Packs 1-bit art ('#' is colour 1, anything else colour 0), row after row, most significant bit first.
const fn pack1<const BYTES: usize>(art: &[u8]) -> [u8; BYTES] {
    let mut out = [0u8; BYTES];
    let mut i = 0;
    while i < art.len() {
        if art[i] == b'#' {
            out[i / 8] |= 0x80 >> (i % 8);
        }
        i += 1;
    }
    out
}

/// Packs 2-bit art ('.' is colour 0, '1'..'3' the others), the first pixel in the top two bits of a byte.
const fn pack2<const BYTES: usize>(art: &[u8]) -> [u8; BYTES] {
    let mut out = [0u8; BYTES];
    let mut i = 0;
    while i < art.len() {
        let colour = if art[i] == b'.' { 0 } else { art[i] - b'0' };
        out[i / 4] |= colour << (6 - 2 * (i % 4));
        i += 1;
    }
    out
}

/// An F: no two of its flips or rotations look alike.
static LETTER_F: [u8; 8] = pack1(b"\
########\
#.......\
#.......\
######..\
#.......\
#.......\
#.......\
#.......");

/// A four-colour F with a shaded edge, so 2bpp flips show colour order too.
static PAINTED_F: [u8; 16] = pack2(b"\
33333332\
3111111.\
31......\
3333322.\
31111...\
31......\
31......\
21......");

/// 16x8, 1 bit: a tank facing right (non-square, so ROTATE swaps the box).
static TANK: [u8; 16] = pack1(b"\
....####........\
...######.......\
...##########...\
.#############..\
################\
#..#..#..#..#..#\
.##############.\
..############..");

/// 6x5, 2 bits: an odd size whose rows do not end on byte boundaries.
static GEM: [u8; 8] = pack2(b"\
.3333.\
321123\
332233\
.3223.\
..33..");

/// 16x16 sprite sheet, 2 bits, four 8x8 frames of a spinning coin (row-major, stride 16).
static COIN_SHEET: [u8; 64] = pack2(b"\
..3333.....333..\
.322223...3223..\
32211223..3213..\
32211223..3213..\
32211223..3213..\
32211223..3213..\
.322223...3223..\
..3333.....333..\
....33......333.\
....33.....3223.\
....33....32123.\
....33....32123.\
....33....32123.\
....33....32123.\
....33.....3223.\
....33......333.");

/// 24x8 sheet, 1 bit, three 8x8 faces (stride 24: not a multiple of the frame width's bytes).
static FACES: [u8; 24] = pack1(b"\
..####....####....####..\
.#....#..#....#..#....#.\
#.#..#.##.#..#.##.#..#.#\
#......##......##......#\
#.#..#.##......##.####.#\
#..##..##.####.##......#\
.#....#..#....#..#....#.\
..####....####....####..");

/// 8x8, 2 bits: the critter the arrows move.
static CRITTER: [u8; 16] = pack2(b"\
..3333..\
.322223.\
32322323\
32222223\
.322223.\
..3113..\
.31..13.\
.3....3.");

// ---- State ------------------------------------------------------------------------------------------

const PALETTES: [[u32; 4]; 3] = [
    [0xe0f8cf, 0x86c06c, 0x306850, 0x071821], // WASM-4's default
    [0xfff6d3, 0xf9a875, 0xeb6b6f, 0x7c3f58], // warm
    [0xd0e0ff, 0x8ca0e0, 0x4050a0, 0x101830], // cold
];

const MAX_STAMPS: usize = 16;

/// Everything the disk keeps, as plain bytes: [magic, launches lo, launches hi, palette, count, (x, y)...].
const SAVE_MAGIC: u8 = 0x5b;
const SAVE_HEADER: usize = 5;
const SAVE_SIZE: usize = SAVE_HEADER + 2 * MAX_STAMPS;

struct Lab {
    frame: u32,
    launches: u16,
    palette: usize,
    critter_x: i32,
    critter_y: i32,
    facing_left: bool,
    stamps: [(u8, u8); MAX_STAMPS],
    stamp_count: usize,
    previous_pad: u8,
    previous_mouse: u8,
}

static mut LAB: Lab = Lab {
    frame: 0,
    launches: 0,
    palette: 0,
    critter_x: 120,
    critter_y: 116,
    facing_left: false,
    stamps: [(0, 0); MAX_STAMPS],
    stamp_count: 0,
    previous_pad: 0,
    previous_mouse: 0,
};

impl Lab {
    fn apply_palette(&self) {
        unsafe { *PALETTE = PALETTES[self.palette] }
    }

    fn load(&mut self) {
        let mut disk = [0u8; SAVE_SIZE];
        let read = unsafe { diskr(disk.as_mut_ptr(), SAVE_SIZE as u32) } as usize;
        if read == SAVE_SIZE && disk[0] == SAVE_MAGIC {
            self.launches = u16::from_le_bytes([disk[1], disk[2]]);
            self.palette = disk[3] as usize % PALETTES.len();
            self.stamp_count = (disk[4] as usize).min(MAX_STAMPS);
            for i in 0..self.stamp_count {
                self.stamps[i] = (disk[SAVE_HEADER + 2 * i], disk[SAVE_HEADER + 2 * i + 1]);
            }
        }
    }

    fn save(&self) {
        let mut disk = [0u8; SAVE_SIZE];
        disk[0] = SAVE_MAGIC;
        disk[1..3].copy_from_slice(&self.launches.to_le_bytes());
        disk[3] = self.palette as u8;
        disk[4] = self.stamp_count as u8;
        for i in 0..self.stamp_count {
            disk[SAVE_HEADER + 2 * i] = self.stamps[i].0;
            disk[SAVE_HEADER + 2 * i + 1] = self.stamps[i].1;
        }
        unsafe { diskw(disk.as_ptr(), SAVE_SIZE as u32) };
    }

    fn handle_input(&mut self) {
        let pad = read(GAMEPAD1);
        let pressed = pad & !self.previous_pad;
        self.previous_pad = pad;
        if pad & BUTTON_LEFT != 0 { self.critter_x -= 1; self.facing_left = true; }
        if pad & BUTTON_RIGHT != 0 { self.critter_x += 1; self.facing_left = false; }
        if pad & BUTTON_UP != 0 { self.critter_y -= 1; }
        if pad & BUTTON_DOWN != 0 { self.critter_y += 1; }
        self.critter_x = self.critter_x.clamp(-4, SCREEN_SIZE - 4);
        self.critter_y = self.critter_y.clamp(-4, SCREEN_SIZE - 4);
        if pressed & BUTTON_1 != 0 {
            self.palette = (self.palette + 1) % PALETTES.len();
            self.apply_palette();
            unsafe { tone(262 | (523 << 16), 8, 30, TONE_PULSE1 | TONE_MODE3) };
        }
        if pressed & BUTTON_2 != 0 {
            self.save();
            trace("spritelab: saved stamps and palette");
        }

        let mouse = read(MOUSE_BUTTONS);
        let clicked = mouse & !self.previous_mouse;
        self.previous_mouse = mouse;
        let (mx, my) = (read(MOUSE_X) as i32, read(MOUSE_Y) as i32);
        let on_screen = (0..SCREEN_SIZE).contains(&mx) && (0..SCREEN_SIZE).contains(&my);
        if clicked & MOUSE_LEFT != 0 && on_screen && self.stamp_count < MAX_STAMPS {
            self.stamps[self.stamp_count] = (mx as u8, my as u8);
            self.stamp_count += 1;
            unsafe { tone(880, 3, 40, TONE_TRIANGLE) };
        }
        if clicked & MOUSE_RIGHT != 0 {
            self.stamp_count = 0;
        }
    }
}

// ---- Drawing ------------------------------------------------------------------------------------------

/// A short line of text assembled in place (no allocator), for numbers between words.
struct Line {
    bytes: [u8; 32],
    len: usize,
}

impl Line {
    fn new() -> Line {
        Line { bytes: [0; 32], len: 0 }
    }

    fn push(&mut self, s: &[u8]) -> &mut Line {
        let n = s.len().min(self.bytes.len() - self.len);
        self.bytes[self.len..self.len + n].copy_from_slice(&s[..n]);
        self.len += n;
        self
    }

    fn number(&mut self, value: i32) -> &mut Line {
        let mut digits = [0u8; 11];
        let mut v = value.unsigned_abs();
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 { break; }
        }
        if value < 0 {
            start -= 1;
            digits[start] = b'-';
        }
        self.push(&digits[start..])
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

const FLAG_LABELS: [&str; 8] = ["--", "X", "Y", "XY", "R", "XR", "YR", "XYR"];

/// The eight FLIP_X / FLIP_Y / ROTATE combinations of one sprite, in two rows of four labelled cells.
fn flag_grid(sprite: &[u8], depth: u32, top: i32, sprite_colors: u16) {
    for combo in 0..8u32 {
        let x = 2 + (combo as i32 % 4) * 40;
        let y = top + (combo as i32 / 4) * 11;
        set_draw_colors(0x03);
        text(FLAG_LABELS[combo as usize], x, y);
        set_draw_colors(sprite_colors);
        unsafe { blit(sprite.as_ptr(), x + 26, y, 8, 8, depth | combo << 1) };
    }
}

fn draw_odd_sizes_and_sheets(frame: u32) {
    set_draw_colors(0x4320);
    unsafe {
        blit(TANK.as_ptr(), 2, 66, 16, 8, BLIT_1BPP);
        blit(TANK.as_ptr(), 20, 60, 16, 8, BLIT_1BPP | BLIT_ROTATE);
        blit(TANK.as_ptr(), 30, 60, 16, 8, BLIT_1BPP | BLIT_ROTATE | BLIT_FLIP_Y);
    }
    set_draw_colors(0x4321);
    unsafe {
        blit(GEM.as_ptr(), 42, 62, 6, 5, BLIT_2BPP);
        blit(GEM.as_ptr(), 50, 62, 6, 5, BLIT_2BPP | BLIT_FLIP_Y);
        blit(GEM.as_ptr(), 58, 61, 6, 5, BLIT_2BPP | BLIT_ROTATE | BLIT_FLIP_X);
        // The whole coin sheet, then one frame of it animated through blitSub with srcX and srcY.
        blit(COIN_SHEET.as_ptr(), 68, 60, 16, 16, BLIT_2BPP);
        let coin_frame = (frame / 8) % 4;
        blit_sub(COIN_SHEET.as_ptr(), 88, 64, 8, 8, (coin_frame % 2) * 8, (coin_frame / 2) * 8, 16, BLIT_2BPP);
        blit_sub(COIN_SHEET.as_ptr(), 98, 64, 8, 8, 8, 0, 16, BLIT_2BPP | BLIT_FLIP_X | BLIT_ROTATE);
    }
    set_draw_colors(0x0042);
    for face in 0..3u32 {
        unsafe { blit_sub(FACES.as_ptr(), 110 + face as i32 * 10, 64, 8, 8, face * 8, 0, 24, BLIT_1BPP) };
    }
}

/// The same sprite over a checkerboard, opaque and with colour 0 transparent.
fn draw_transparency() {
    set_draw_colors(0x02);
    for row in 0..4 {
        for col in 0..12 {
            if (row + col) % 2 == 0 {
                unsafe { rect(2 + col * 4, 80 + row * 4, 4, 4) };
            }
        }
    }
    set_draw_colors(0x4321);
    unsafe { blit(PAINTED_F.as_ptr(), 8, 84, 8, 8, BLIT_2BPP) };
    set_draw_colors(0x4320);
    unsafe { blit(PAINTED_F.as_ptr(), 20, 84, 8, 8, BLIT_2BPP) };
    set_draw_colors(0x4300);
    unsafe { blit(PAINTED_F.as_ptr(), 32, 84, 8, 8, BLIT_2BPP) };
}

fn draw_shapes(frame: u32) {
    unsafe {
        set_draw_colors(0x42); // fill 2, outline 4
        rect(56, 80, 20, 14);
        set_draw_colors(0x40); // outline only
        rect(80, 80, 20, 14);
        set_draw_colors(0x23);
        oval(104, 80, 24, 14);
        set_draw_colors(0x30);
        oval(132, 80, 9, 15);
        set_draw_colors(0x04);
        let sweep = (frame % 40) as i32;
        line(144, 80, 144 + sweep / 4, 94);
        line(159, 80, 150, 80 + sweep / 3);
        hline(56, 97, 103);
        vline(159, 99, 10);
    }
}

fn draw_sandbox(lab: &Lab) {
    set_draw_colors(0x4320);
    for &(x, y) in &lab.stamps[..lab.stamp_count] {
        unsafe { blit(LETTER_F.as_ptr(), x as i32 - 4, y as i32 - 4, 8, 8, BLIT_1BPP) };
    }
    set_draw_colors(0x20);
    unsafe { oval(lab.critter_x, lab.critter_y + 6, 8, 3) };
    set_draw_colors(0x4320);
    let flip = if lab.facing_left { BLIT_FLIP_X } else { 0 };
    unsafe { blit(CRITTER.as_ptr(), lab.critter_x, lab.critter_y, 8, 8, BLIT_2BPP | flip) };
}

fn draw_status() {
    set_draw_colors(0x04);
    unsafe { text_cstr(b"arrows walk X:colors\nZ save  mouse stamps\0".as_ptr(), 2, 136) };
    set_draw_colors(0x03);
    let (mx, my) = (read(MOUSE_X) as i32, read(MOUSE_Y) as i32);
    let mut status = Line::new();
    status.push(b"mouse ").number(mx).push(b",").number(my).push(b" b").number(read(MOUSE_BUTTONS) as i32);
    text(status.as_bytes(), 2, 152);
    // The crosshair goes on top of everything.
    set_draw_colors(0x02);
    unsafe {
        hline(mx - 6, my, 5);
        hline(mx + 2, my, 5);
        vline(mx, my - 6, 5);
        vline(mx, my + 2, 5);
    }
}

#[no_mangle]
pub extern "C" fn start() {
    let lab = unsafe { &mut LAB };
    lab.load();
    lab.launches = lab.launches.wrapping_add(1);
    lab.apply_palette();
    lab.save();
    trace(Line::new().push(b"spritelab: launch number ").number(lab.launches as i32).as_bytes());
}

#[no_mangle]
pub extern "C" fn update() {
    let lab = unsafe { &mut LAB };
    lab.frame = lab.frame.wrapping_add(1);
    lab.handle_input();

    set_draw_colors(0x04);
    text("SPRITE LAB", 2, 0);
    set_draw_colors(0x03);
    text(Line::new().push(b"run ").number(lab.launches as i32).as_bytes(), 104, 0);
    flag_grid(&LETTER_F, BLIT_1BPP, 10, 0x42);
    flag_grid(&PAINTED_F, BLIT_2BPP, 34, 0x4321);
    draw_odd_sizes_and_sheets(lab.frame);
    draw_transparency();
    draw_shapes(lab.frame);
    draw_sandbox(lab);
    draw_status();
}
