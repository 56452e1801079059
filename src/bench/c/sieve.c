// Integer loops over memory: the sieve of Eratosthenes, n times over 1 MiB.
#define N (1 << 20)
static unsigned char composite[N];
long long run(int n) {
    long long total = 0;
    for (int r = 0; r < n; r++) {
        for (int i = 0; i < N; i++) composite[i] = 0;
        int primes = 0;
        for (int i = 2; i < N; i++) {
            if (composite[i]) continue;
            primes++;
            for (long long j = (long long)i * i; j < N; j += i) composite[j] = 1;
        }
        total += primes + r;
    }
    return total;
}
