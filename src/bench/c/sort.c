// Sorting: quicksort of n pseudo-random ints.
static int a[1 << 20];
static void qs(int lo, int hi) {
    while (lo < hi) {
        int p = a[(lo + hi) >> 1], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { qs(lo, j); lo = i; } else { qs(i, hi); hi = j; }
    }
}
long long run(int n) {
    if (n > (1 << 20)) n = 1 << 20;
    unsigned int s = 12345;
    for (int i = 0; i < n; i++) { s = s * 1103515245u + 12345u; a[i] = (int)(s >> 1); }
    qs(0, n - 1);
    long long c = 0;
    for (int i = 0; i < n; i += 97) c = c * 31 + a[i];
    return c;
}
