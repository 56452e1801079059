// i64 arithmetic and hashing: FNV-1a and splitmix64 over a 64 KiB buffer.
static unsigned char buf[65536];
long long run(int n) {
    unsigned long long s = 0x9E3779B97F4A7C15ULL, h = 0;
    for (int i = 0; i < 65536; i++) {
        s += 0x9E3779B97F4A7C15ULL;
        unsigned long long z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        buf[i] = (unsigned char)(z ^ (z >> 31));
    }
    for (int r = 0; r < n; r++) {
        unsigned long long f = 0xcbf29ce484222325ULL ^ (unsigned long long)r;
        for (int i = 0; i < 65536; i++) {
            f ^= buf[i];
            f *= 0x100000001b3ULL;
        }
        h ^= f + (h << 6) + (h >> 2);
    }
    return (long long)h;
}
