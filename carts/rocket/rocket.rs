//! Rocket: Termcade's own take on the game from David Beazley's talk "A Talk Near the Future of Python".
//! Turn, boost (with inertia), shoot the enemies that chase you; being hit ends the round.
//! It uses exactly the talk's import/export ABI, so any host of that game runs this cart and vice versa.
//! No external crates: built with `rustc --target wasm32-unknown-unknown` (see ../build.sh).

#[link(wasm_import_module = "env")]
extern "C" {
    fn clear_screen();
    fn draw_player(x: f64, y: f64, angle: f64);
    fn draw_enemy(x: f64, y: f64);
    fn draw_bullet(x: f64, y: f64);
    fn draw_particle(x: f64, y: f64, radius: f64);
    fn draw_score(score: f64);
    fn sin(x: f64) -> f64;
    fn cos(x: f64) -> f64;
    #[allow(non_snake_case)]
    fn Math_atan(x: f64) -> f64;
}

const MAX_ENEMIES: usize = 48;
const MAX_BULLETS: usize = 48;
const MAX_PARTICLES: usize = 480;

const TURN_SPEED: f64 = 3.5; // radians per second
const BOOST: f64 = 420.0; // pixels per second squared
const DRAG: f64 = 0.9; // fraction of speed kept per second
const MAX_SPEED: f64 = 320.0;
const BULLET_SPEED: f64 = 560.0;
const SHOT_INTERVAL: f64 = 0.12;
const ENEMY_SPEED: f64 = 110.0;
const ENEMY_RADIUS: f64 = 10.0;
const PLAYER_RADIUS: f64 = 8.0;
const SPAWN_INTERVAL: f64 = 0.9;
const SPAWN_DISTANCE: f64 = 220.0;
const PARTICLE_LIFE: f64 = 0.7;

#[derive(Clone, Copy)]
struct Thing { x: f64, y: f64, vx: f64, vy: f64, life: f64, alive: bool }

const DEAD: Thing = Thing { x: 0.0, y: 0.0, vx: 0.0, vy: 0.0, life: 0.0, alive: false };

struct Game {
    width: f64,
    height: f64,
    x: f64,
    y: f64,
    vx: f64,
    vy: f64,
    angle: f64,
    shooting: bool,
    boosting: bool,
    left: bool,
    right: bool,
    shot_timer: f64,
    spawn_timer: f64,
    score: u32,
    rng: u64,
    enemies: [Thing; MAX_ENEMIES],
    bullets: [Thing; MAX_BULLETS],
    particles: [Thing; MAX_PARTICLES],
}

static mut GAME: Game = Game {
    width: 1024.0, height: 600.0, x: 512.0, y: 300.0, vx: 0.0, vy: 0.0, angle: -1.5707963267948966,
    shooting: false, boosting: false, left: false, right: false, shot_timer: 0.0, spawn_timer: 0.0,
    score: 0, rng: 0x2545F4914F6CDD1D,
    enemies: [DEAD; MAX_ENEMIES], bullets: [DEAD; MAX_BULLETS], particles: [DEAD; MAX_PARTICLES],
};

fn game() -> &'static mut Game { unsafe { &mut GAME } }

impl Game {
    fn random(&mut self) -> f64 {
        // xorshift64*: deterministic, so a headless run with the same inputs is reproducible.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        ((self.rng.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64) / ((1u64 << 53) as f64)
    }

    fn reset_round(&mut self) {
        self.x = self.width / 2.0;
        self.y = self.height / 2.0;
        self.vx = 0.0;
        self.vy = 0.0;
        self.angle = -1.5707963267948966;
        self.score = 0;
        self.spawn_timer = 0.0;
        for e in self.enemies.iter_mut() { e.alive = false; }
        for b in self.bullets.iter_mut() { b.alive = false; }
    }

    fn explode(&mut self, x: f64, y: f64, count: usize) {
        let mut made = 0;
        for i in 0..MAX_PARTICLES {
            if made == count { break; }
            if self.particles[i].alive { continue; }
            let a = self.random() * 6.283185307179586;
            let speed = 40.0 + self.random() * 160.0;
            let (s, c) = unsafe { (sin(a), cos(a)) };
            self.particles[i] = Thing { x, y, vx: c * speed, vy: s * speed, life: PARTICLE_LIFE * (0.5 + self.random() * 0.5), alive: true };
            made += 1;
        }
    }

    fn spawn_enemy(&mut self) {
        for _ in 0..20 {
            let x = self.random() * self.width;
            let y = self.random() * self.height;
            let (dx, dy) = (x - self.x, y - self.y);
            if (dx * dx + dy * dy).sqrt() < SPAWN_DISTANCE.min(self.width.min(self.height) * 0.4) { continue; }
            if let Some(slot) = self.enemies.iter_mut().find(|e| !e.alive) {
                *slot = Thing { x, y, vx: 0.0, vy: 0.0, life: 0.0, alive: true };
            }
            return;
        }
    }

    fn update(&mut self, dt: f64) {
        if self.left { self.angle -= TURN_SPEED * dt; }
        if self.right { self.angle += TURN_SPEED * dt; }
        let (s, c) = unsafe { (sin(self.angle), cos(self.angle)) };
        if self.boosting {
            self.vx += c * BOOST * dt;
            self.vy += s * BOOST * dt;
        }
        let keep = DRAG.powf(dt);
        self.vx *= keep;
        self.vy *= keep;
        let speed = (self.vx * self.vx + self.vy * self.vy).sqrt();
        if speed > MAX_SPEED {
            self.vx *= MAX_SPEED / speed;
            self.vy *= MAX_SPEED / speed;
        }
        self.x = (self.x + self.vx * dt).max(0.0).min(self.width);
        self.y = (self.y + self.vy * dt).max(0.0).min(self.height);

        self.shot_timer -= dt;
        if self.shooting && self.shot_timer <= 0.0 {
            self.shot_timer = SHOT_INTERVAL;
            let (x, y) = (self.x + c * 12.0, self.y + s * 12.0);
            if let Some(b) = self.bullets.iter_mut().find(|b| !b.alive) {
                *b = Thing { x, y, vx: c * BULLET_SPEED, vy: s * BULLET_SPEED, life: 0.0, alive: true };
            }
        }
        for b in self.bullets.iter_mut().filter(|b| b.alive) {
            b.x += b.vx * dt;
            b.y += b.vy * dt;
            if b.x < 0.0 || b.y < 0.0 || b.x > self.width || b.y > self.height { b.alive = false; }
        }

        self.spawn_timer -= dt;
        if self.spawn_timer <= 0.0 {
            self.spawn_timer = SPAWN_INTERVAL;
            self.spawn_enemy();
        }
        let (px, py) = (self.x, self.y);
        for e in self.enemies.iter_mut().filter(|e| e.alive) {
            // Head for the player: the heading comes from the host's Math_atan, as in the original game.
            let (dx, dy) = (px - e.x, py - e.y);
            let mut heading = if dx == 0.0 { if dy >= 0.0 { 1.5707963267948966 } else { -1.5707963267948966 } } else { unsafe { Math_atan(dy / dx) } };
            if dx < 0.0 { heading += 3.141592653589793; }
            let (hs, hc) = unsafe { (sin(heading), cos(heading)) };
            e.x += hc * ENEMY_SPEED * dt;
            e.y += hs * ENEMY_SPEED * dt;
        }

        for i in 0..MAX_ENEMIES {
            if !self.enemies[i].alive { continue; }
            let (ex, ey) = (self.enemies[i].x, self.enemies[i].y);
            for j in 0..MAX_BULLETS {
                let b = self.bullets[j];
                if !b.alive { continue; }
                let (dx, dy) = (b.x - ex, b.y - ey);
                if dx * dx + dy * dy < (ENEMY_RADIUS + 3.0) * (ENEMY_RADIUS + 3.0) {
                    self.bullets[j].alive = false;
                    self.enemies[i].alive = false;
                    self.score += 10;
                    self.explode(ex, ey, 24);
                    break;
                }
            }
        }
        for i in 0..MAX_ENEMIES {
            let e = self.enemies[i];
            if !e.alive { continue; }
            let (dx, dy) = (e.x - self.x, e.y - self.y);
            if dx * dx + dy * dy < (ENEMY_RADIUS + PLAYER_RADIUS) * (ENEMY_RADIUS + PLAYER_RADIUS) {
                let (x, y) = (self.x, self.y);
                self.explode(x, y, 80);
                self.reset_round();
                break;
            }
        }

        for p in self.particles.iter_mut().filter(|p| p.alive) {
            p.life -= dt;
            if p.life <= 0.0 { p.alive = false; continue; }
            p.x += p.vx * dt;
            p.y += p.vy * dt;
        }
    }

    fn draw(&self) {
        unsafe {
            clear_screen();
            for p in self.particles.iter().filter(|p| p.alive) {
                draw_particle(p.x, p.y, 1.0 + 4.0 * p.life / PARTICLE_LIFE);
            }
            for b in self.bullets.iter().filter(|b| b.alive) { draw_bullet(b.x, b.y); }
            for e in self.enemies.iter().filter(|e| e.alive) { draw_enemy(e.x, e.y); }
            draw_player(self.x, self.y, self.angle);
            draw_score(self.score as f64);
        }
    }
}

#[no_mangle]
pub extern "C" fn resize(width: f64, height: f64) {
    let g = game();
    let first = g.score == 0 && g.enemies.iter().all(|e| !e.alive);
    g.width = width.max(1.0);
    g.height = height.max(1.0);
    if first { g.x = g.width / 2.0; g.y = g.height / 2.0; }
    g.x = g.x.min(g.width);
    g.y = g.y.min(g.height);
}

#[no_mangle]
pub extern "C" fn update(dt: f64) { game().update(dt); }

#[no_mangle]
pub extern "C" fn draw() { game().draw(); }

#[no_mangle]
pub extern "C" fn toggle_shoot(on: i32) { game().shooting = on != 0; }

#[no_mangle]
pub extern "C" fn toggle_boost(on: i32) { game().boosting = on != 0; }

#[no_mangle]
pub extern "C" fn toggle_turn_left(on: i32) { game().left = on != 0; }

#[no_mangle]
pub extern "C" fn toggle_turn_right(on: i32) { game().right = on != 0; }
