// Bulk memory: memory.copy and memory.fill (built with -mbulk-memory) over 4 MiB.
#define SIZE (4 << 20)
static unsigned char src[SIZE], dst[SIZE];
long long run(int n) {
    long long c = 0;
    for (int r = 0; r < n; r++) {
        __builtin_memset(src, r & 0xFF, SIZE);
        for (int off = 0; off < SIZE; off += 65536) {
            __builtin_memcpy(dst + off, src + (SIZE - 65536 - off), 65536);
            dst[off] ^= (unsigned char)off;
        }
        __builtin_memmove(dst + 1, dst, SIZE - 1);
        c += dst[r * 4099 % SIZE] + dst[SIZE - 1];
    }
    return c;
}
