//! {{name}}: a termcade cart. Arrows (or WASD) move the square: catch the yellow dots.
//! Build with ./build.sh, then play {{name}}.wasm. The ABI is documented in termcade.rs.
#![no_std]

mod termcade;
use termcade::*;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

const PLAYER_SIZE: i32 = 5;
const DOT_RADIUS: i32 = 2;

struct Game {
    player_x: i32,
    player_y: i32,
    dot: Option<(i32, i32)>,
    caught: i32,
}

static mut GAME: Game = Game { player_x: 4, player_y: 4, dot: None, caught: 0 };

/// A spot for the dot, inside the screen even when the terminal is tiny.
fn random_spot(w: i32, h: i32) -> (i32, i32) {
    let span_x = if w > 12 { w - 8 } else { 4 };
    let span_y = if h > 12 { h - 8 } else { 4 };
    (4 + random() % span_x, 4 + random() % span_y)
}

#[no_mangle]
pub extern "C" fn start() {
    set_score(0);
}

#[no_mangle]
pub extern "C" fn frame(_dt: f64) {
    // One step per frame; use dt for movement in pixels per second.
    let game = unsafe { &mut GAME };
    let (w, h) = (width(), height());
    let held = buttons();
    if held & BUTTON_LEFT != 0 { game.player_x -= 1; }
    if held & BUTTON_RIGHT != 0 { game.player_x += 1; }
    if held & BUTTON_UP != 0 { game.player_y -= 1; }
    if held & BUTTON_DOWN != 0 { game.player_y += 1; }
    game.player_x = game.player_x.min(w - PLAYER_SIZE).max(0);
    game.player_y = game.player_y.min(h - PLAYER_SIZE).max(0);

    let (dot_x, dot_y) = match game.dot {
        Some((x, y)) if x < w && y < h => (x, y),
        _ => random_spot(w, h),
    };
    let (dx, dy) = (dot_x - (game.player_x + PLAYER_SIZE / 2), dot_y - (game.player_y + PLAYER_SIZE / 2));
    let reach = PLAYER_SIZE / 2 + DOT_RADIUS;
    game.dot = if dx * dx + dy * dy <= reach * reach {
        game.caught += 1;
        set_score(game.caught);
        Some(random_spot(w, h))
    } else {
        Some((dot_x, dot_y))
    };

    clear(0x101828);
    if let Some((x, y)) = game.dot {
        circle(x, y, DOT_RADIUS, 0xFFCC33);
    }
    rect(game.player_x, game.player_y, PLAYER_SIZE, PLAYER_SIZE, 0x44CCFF);
    text(0, 0, "{{name}}", 0x8899AA);
}
