//! The WASM-4 fantasy console ABI for Rust carts built without crates
//! (`rustc --target wasm32-unknown-unknown --crate-type cdylib`, see carts/build.sh for the linker flags).
//!
//! Written for Termcade from the ABI as documented at wasm4.org. Include it with
//! `#[path = "../include/wasm4.rs"] mod wasm4;`. A cart imports one page of memory as `env.memory`, imports
//! any of these functions from `env`, and exports `update` (60 times a second) and optionally `start`.
#![allow(dead_code)]

/// The screen is `SCREEN_SIZE` x `SCREEN_SIZE` pixels, each a palette index 0..3.
pub const SCREEN_SIZE: i32 = 160;

// ---- Memory map -----------------------------------------------------------------------------------

/// Four colours, 0xRRGGBB; entry 0 is also the colour the screen is cleared to each frame.
pub const PALETTE: *mut [u32; 4] = 0x04 as *mut [u32; 4];
/// Four 4-bit draw colours, lowest nibble first: a palette entry plus one (1..4), or 0 for transparent.
/// rect and oval fill with nibble 1 and outline with nibble 2; line, hline, vline and text draw with nibble 1
/// (text's background is nibble 2); blit maps sprite colour k to nibble k+1.
pub const DRAW_COLORS: *mut u16 = 0x14 as *mut u16;
/// Held buttons of the four gamepads (`BUTTON_*` bits).
pub const GAMEPAD1: *const u8 = 0x16 as *const u8;
pub const GAMEPAD2: *const u8 = 0x17 as *const u8;
pub const GAMEPAD3: *const u8 = 0x18 as *const u8;
pub const GAMEPAD4: *const u8 = 0x19 as *const u8;
/// Mouse position in screen pixels (may be outside the screen) and held mouse buttons (`MOUSE_*` bits).
pub const MOUSE_X: *const i16 = 0x1a as *const i16;
pub const MOUSE_Y: *const i16 = 0x1c as *const i16;
pub const MOUSE_BUTTONS: *const u8 = 0x1e as *const u8;
/// `SYSTEM_*` bits set by the cart.
pub const SYSTEM_FLAGS: *mut u8 = 0x1f as *mut u8;
/// Bit 2 (`NETPLAY_ACTIVE`) in a networked session; bits 0-1 the local player's index.
pub const NETPLAY: *const u8 = 0x20 as *const u8;
/// 160x160 pixels at 2 bits, 4 per byte with the leftmost in the low bits; rows of 40 bytes.
pub const FRAMEBUFFER: *mut [u8; 6400] = 0xa0 as *mut [u8; 6400];

/// The X button (keys x, v, space).
pub const BUTTON_1: u8 = 1;
/// The Z button (keys z, c, y, n).
pub const BUTTON_2: u8 = 2;
pub const BUTTON_LEFT: u8 = 16;
pub const BUTTON_RIGHT: u8 = 32;
pub const BUTTON_UP: u8 = 64;
pub const BUTTON_DOWN: u8 = 128;

pub const MOUSE_LEFT: u8 = 1;
pub const MOUSE_RIGHT: u8 = 2;
pub const MOUSE_MIDDLE: u8 = 4;

/// Keep last frame's pixels instead of clearing before each `update`.
pub const SYSTEM_PRESERVE_FRAMEBUFFER: u8 = 1;
/// Hide the touch gamepad of mobile browsers.
pub const SYSTEM_HIDE_GAMEPAD_OVERLAY: u8 = 2;

pub const NETPLAY_ACTIVE: u8 = 4;

// ---- Drawing --------------------------------------------------------------------------------------

/// 1 bit per pixel: colours 0 and 1, the first pixel in the most significant bit.
pub const BLIT_1BPP: u32 = 0;
/// 2 bits per pixel: colours 0..3, the first pixel in the two most significant bits.
pub const BLIT_2BPP: u32 = 1;
pub const BLIT_FLIP_X: u32 = 2;
pub const BLIT_FLIP_Y: u32 = 4;
/// Rotate 90 degrees anticlockwise, after flipping.
pub const BLIT_ROTATE: u32 = 8;

// ---- Sound ----------------------------------------------------------------------------------------

pub const TONE_PULSE1: u32 = 0;
pub const TONE_PULSE2: u32 = 1;
pub const TONE_TRIANGLE: u32 = 2;
pub const TONE_NOISE: u32 = 3;
/// Pulse duty cycles 1/8, 1/4, 1/2, 3/4.
pub const TONE_MODE1: u32 = 0;
pub const TONE_MODE2: u32 = 4;
pub const TONE_MODE3: u32 = 8;
pub const TONE_MODE4: u32 = 12;
pub const TONE_PAN_LEFT: u32 = 16;
pub const TONE_PAN_RIGHT: u32 = 32;
/// Frequencies are MIDI note numbers (low byte) with a bend in 1/256 notes (high byte).
pub const TONE_NOTE_MODE: u32 = 64;

/// Bytes of persistent storage per cart.
pub const DISK_SIZE: u32 = 1024;

#[link(wasm_import_module = "env")]
extern "C" {
    /// Draws a `width` x `height` sprite at (x, y); sprite colours map through DRAW_COLORS.
    pub fn blit(sprite: *const u8, x: i32, y: i32, width: u32, height: u32, flags: u32);
    /// Draws the region at (src_x, src_y) of a sprite sheet whose rows are `stride` pixels wide.
    #[link_name = "blitSub"]
    pub fn blit_sub(sprite: *const u8, x: i32, y: i32, width: u32, height: u32, src_x: u32, src_y: u32, stride: u32, flags: u32);
    /// A line between two points, both included, in draw colour 1.
    pub fn line(x1: i32, y1: i32, x2: i32, y2: i32);
    /// `len` pixels to the right of (x, y), in draw colour 1.
    pub fn hline(x: i32, y: i32, len: u32);
    /// `len` pixels down from (x, y), in draw colour 1.
    pub fn vline(x: i32, y: i32, len: u32);
    /// The ellipse in the box at (x, y): fill draw colour 1, outline draw colour 2.
    pub fn oval(x: i32, y: i32, width: u32, height: u32);
    /// A rectangle: fill draw colour 1, outline draw colour 2.
    pub fn rect(x: i32, y: i32, width: u32, height: u32);
    /// NUL-terminated text in the 8x8 font; `\n` moves 8 pixels down, back to x.
    #[link_name = "text"]
    pub fn text_cstr(text: *const u8, x: i32, y: i32);
    #[link_name = "textUtf8"]
    fn text_utf8(text: *const u8, byte_length: usize, x: i32, y: i32);
    #[link_name = "textUtf16"]
    pub fn text_utf16(text: *const u16, byte_length: usize, x: i32, y: i32);
    /// Plays a tone: frequency (start | end << 16), duration in frames (sustain | release << 8 | decay << 16
    /// | attack << 24), volume 0..100 (sustain | peak << 8), `TONE_*` flags.
    pub fn tone(frequency: u32, duration: u32, volume: u32, flags: u32);
    /// Reads up to `size` bytes of saved data; returns the number read.
    pub fn diskr(dest: *mut u8, size: u32) -> u32;
    /// Replaces the saved data with `size` bytes (at most DISK_SIZE); returns the number written.
    pub fn diskw(src: *const u8, size: u32) -> u32;
    #[link_name = "trace"]
    pub fn trace_cstr(text: *const u8);
    #[link_name = "traceUtf8"]
    fn trace_utf8(text: *const u8, byte_length: usize);
    #[link_name = "traceUtf16"]
    pub fn trace_utf16(text: *const u16, byte_length: usize);
    /// `%c %d %x %s %f` from a packed block of arguments at `args` (4 bytes each, 8 for `%f`).
    pub fn tracef(fmt: *const u8, args: *const u8);
}

/// Draws UTF-8 text (a `&str` or byte string) at (x, y).
pub fn text<T: AsRef<[u8]> + ?Sized>(text: &T, x: i32, y: i32) {
    let bytes = text.as_ref();
    unsafe { text_utf8(bytes.as_ptr(), bytes.len(), x, y) }
}

/// Prints UTF-8 text to the console's debug output.
pub fn trace<T: AsRef<[u8]> + ?Sized>(text: &T) {
    let bytes = text.as_ref();
    unsafe { trace_utf8(bytes.as_ptr(), bytes.len()) }
}

/// Sets DRAW_COLORS.
pub fn set_draw_colors(colors: u16) {
    unsafe { DRAW_COLORS.write_volatile(colors) }
}

/// Reads a gamepad, a mouse register or another byte the console writes between frames.
pub fn read<T: Copy>(register: *const T) -> T {
    unsafe { register.read_volatile() }
}
