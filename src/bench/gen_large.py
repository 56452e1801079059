#!/usr/bin/env python3
"""Emits C for a large module (a few MB of wasm): thousands of functions mixing loops, switches, memory,
i64/f64 arithmetic and calls, so that load time (decode + validate + translate) can be measured."""
import random

random.seed(7)
N = 15000
print("static int mem[4096]; static double fm[512];")
for i in range(N):
    kind = i % 4
    callee = f"f{random.randrange(i)}(x ^ {i}, y)" if i > 0 else "x"
    if kind == 0:
        body = f"""  int acc = x;
  for (int k = 0; k < (y & 15); k++) {{ acc = acc * {random.randrange(3, 99)} + mem[(acc + k) & 4095]; mem[k & 4095] ^= acc; }}
  switch (acc & 7) {{ case 0: acc += {random.randrange(100)}; break; case 1: acc ^= y; break; case 2: acc -= x; break;
    case 3: acc = acc << 3; break; case 4: acc = acc >> 2; break; case 5: acc |= {random.randrange(1000)}; break;
    case 6: acc &= y | 1; break; default: acc = ~acc; }}
  return acc + (y > {random.randrange(50)} ? {callee} : 0);"""
    elif kind == 1:
        body = f"""  long long h = x * {random.randrange(1, 1 << 30)}LL;
  for (int k = 0; k < 8; k++) {{ h ^= h >> {random.randrange(1, 40)}; h *= 0x{random.getrandbits(60):x}LL; }}
  return (int)(h ^ (h >> 32)) + (y & 1 ? {callee} : 1);"""
    elif kind == 2:
        body = f"""  double d = x * {random.random():.6f} + y;
  for (int k = 0; k < (x & 7); k++) d = d * 0.{random.randrange(1, 999)} + fm[k & 511];
  fm[x & 511] = d;
  return (int)d + (d > {random.randrange(1000)}.0 ? {callee} : 2);"""
    else:
        body = f"""  int s = 0;
  for (int k = x & 3; k < 12; k++) s += mem[(k * {random.randrange(1, 64)}) & 4095] > y ? k : -k;
  if (s < 0) s = -s;
  return s + (x > y ? {callee} : 3);"""
    print(f"__attribute__((noinline)) int f{i}(int x, int y) {{\n{body}\n}}")
print("long long run(int n) { long long t = 0; for (int i = 0; i < n; i++) t += f%d(i, i & 63); return t; }" % (N - 1))
