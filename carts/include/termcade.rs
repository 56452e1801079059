//! The termcade cartridge ABI for Rust carts built without crates
//! (`rustc --target wasm32-unknown-unknown --crate-type cdylib`, see carts/README.md).
//!
//! Include it with `#[path = "termcade.rs"] mod termcade;`. Every function here is safe to call: the console
//! checks every argument. A cart exports `frame(dt: f64)` (every frame) and optionally `start()` (once):
//!
//! ```ignore
//! #[no_mangle]
//! pub extern "C" fn frame(_dt: f64) { termcade::clear(0x000000); }
//! ```
//! Coordinates are framebuffer pixels, y down; the framebuffer follows the terminal's size, so ask `width()`
//! and `height()` every frame. Colours are 0xRRGGBB.
#![allow(dead_code)]

/// Bits of [`buttons`].
pub const BUTTON_LEFT: i32 = 1; // left arrow, a
pub const BUTTON_RIGHT: i32 = 2; // right arrow, d
pub const BUTTON_UP: i32 = 4; // up arrow, w
pub const BUTTON_DOWN: i32 = 8; // down arrow, s
pub const BUTTON_A: i32 = 16; // space, z
pub const BUTTON_B: i32 = 32; // x
pub const BUTTON_START: i32 = 64; // enter
pub const BUTTON_SELECT: i32 = 128; // tab

mod imports {
    #[link(wasm_import_module = "termcade")]
    extern "C" {
        pub fn clear(rgb: i32);
        pub fn pixel(x: i32, y: i32, rgb: i32);
        pub fn line(x0: i32, y0: i32, x1: i32, y1: i32, rgb: i32);
        pub fn rect(x: i32, y: i32, w: i32, h: i32, rgb: i32);
        pub fn rect_outline(x: i32, y: i32, w: i32, h: i32, rgb: i32);
        pub fn circle(x: i32, y: i32, r: i32, rgb: i32);
        pub fn circle_outline(x: i32, y: i32, r: i32, rgb: i32);
        pub fn text(x: i32, y: i32, ptr: *const u8, len: i32, rgb: i32);
        pub fn width() -> i32;
        pub fn height() -> i32;
        pub fn buttons() -> i32;
        pub fn time() -> f64;
        pub fn random() -> i32;
        pub fn set_score(score: i32);
        pub fn log(ptr: *const u8, len: i32);
    }
}

/// Fills the whole screen; the renderer also treats this colour as empty background.
pub fn clear(rgb: i32) { unsafe { imports::clear(rgb) } }

/// Sets one pixel. Pixels outside the framebuffer are ignored (by every drawing call).
pub fn pixel(x: i32, y: i32, rgb: i32) { unsafe { imports::pixel(x, y, rgb) } }

/// A line from (x0, y0) to (x1, y1), both ends included.
pub fn line(x0: i32, y0: i32, x1: i32, y1: i32, rgb: i32) { unsafe { imports::line(x0, y0, x1, y1, rgb) } }

/// A filled `w` x `h` rectangle with its top left corner at (x, y).
pub fn rect(x: i32, y: i32, w: i32, h: i32, rgb: i32) { unsafe { imports::rect(x, y, w, h, rgb) } }

/// The one-pixel outline of the rectangle [`rect`] would fill.
pub fn rect_outline(x: i32, y: i32, w: i32, h: i32, rgb: i32) { unsafe { imports::rect_outline(x, y, w, h, rgb) } }

/// A filled circle of radius `r` around (x, y).
pub fn circle(x: i32, y: i32, r: i32, rgb: i32) { unsafe { imports::circle(x, y, r, rgb) } }

/// The outline of the circle [`circle`] would fill.
pub fn circle_outline(x: i32, y: i32, r: i32, rgb: i32) { unsafe { imports::circle_outline(x, y, r, rgb) } }

/// Text drawn as terminal characters starting at the cell that holds pixel (x, y). A cell is 1x2 pixels in
/// half-block mode and 2x4 in braille mode, so text is coarser than pixels.
pub fn text(x: i32, y: i32, s: &str, rgb: i32) { unsafe { imports::text(x, y, s.as_ptr(), s.len() as i32, rgb) } }

/// The framebuffer's width in pixels; changes when the terminal is resized.
pub fn width() -> i32 { unsafe { imports::width() } }

/// The framebuffer's height in pixels; changes when the terminal is resized.
pub fn height() -> i32 { unsafe { imports::height() } }

/// The buttons held right now (`BUTTON_*` bits).
pub fn buttons() -> i32 { unsafe { imports::buttons() } }

/// Seconds of game time since the cart started (paused time does not count).
pub fn time() -> f64 { unsafe { imports::time() } }

/// A non-negative pseudo-random number; `play --seed N` fixes the sequence, so replays are exact.
pub fn random() -> i32 { unsafe { imports::random() } }

/// The score shown in the status line (hidden until the first call).
pub fn set_score(score: i32) { unsafe { imports::set_score(score) } }

/// A line for the console's log (the `t` key shows it while playing; stderr in headless runs).
pub fn log(s: &str) { unsafe { imports::log(s.as_ptr(), s.len() as i32) } }

/// The cart's own title and key hints for the status line, as custom sections (hints two spaces apart):
/// `termcade_meta!(b"Catch", b"arrows move  space jump  q quit");` once, at the crate's top level.
#[macro_export]
macro_rules! termcade_meta {
    ($title:literal, $keys:literal) => {
        #[link_section = "termcade.title"]
        #[used]
        static TERMCADE_TITLE: [u8; $title.len()] = *$title;
        #[link_section = "termcade.keys"]
        #[used]
        static TERMCADE_KEYS: [u8; $keys.len()] = *$keys;
    };
}
