// Built twice by ./build.sh with clang -O3: clang_simd.wasm (-msimd128: loops auto-vectorised, intrinsics) and
// clang_scalar.wasm (no SIMD); the engine must compute the same with both.
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif
#define N 1000
static unsigned char src[N * 4], dst[N * 4];
static float xs[N], ys[N];
__attribute__((export_name("blend"))) unsigned blend(int alpha) {
  for (int i = 0; i < N * 4; i++) src[i] = (unsigned char)(i * 7 + 3), dst[i] = (unsigned char)(i * 13 + 1);
  for (int i = 0; i < N * 4; i++) dst[i] = (unsigned char)((src[i] * alpha + dst[i] * (255 - alpha)) / 255);
  unsigned h = 2166136261u;
  for (int i = 0; i < N * 4; i++) h = (h ^ dst[i]) * 16777619u;
  return h;
}
__attribute__((export_name("dot"))) float dot(int n) {
  for (int i = 0; i < N; i++) xs[i] = (float)i * 0.5f, ys[i] = (float)(N - i) * 0.25f;
  float s = 0;
  for (int i = 0; i < n && i < N; i++) s += xs[i] * ys[i];
  return s;
}
#ifdef __wasm_simd128__
__attribute__((export_name("intrin"))) int intrin(void) {
  v128_t a = wasm_i32x4_make(1, -2, 3, -4), b = wasm_i16x8_splat(300);
  v128_t c = wasm_i8x16_narrow_i16x8(b, wasm_i16x8_neg(b));
  v128_t d = wasm_i32x4_abs(a);
  return wasm_i32x4_extract_lane(d, 1) + wasm_i8x16_extract_lane(c, 0) + wasm_i8x16_extract_lane(c, 8) + wasm_i8x16_bitmask(c);
}
#endif
