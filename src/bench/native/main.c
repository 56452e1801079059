// Native driver for a workload: runs run(n) once to warm up, then ITER times; prints the median ms and the result.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
long long run(int n);
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
    int n = atoi(argv[1]), iters = argc > 2 ? atoi(argv[2]) : 5;
    long long r = run(n);
    double t[64];
    if (iters > 64) iters = 64;
    for (int i = 0; i < iters; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        r = run(n);
        clock_gettime(CLOCK_MONOTONIC, &b);
        t[i] = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    }
    qsort(t, iters, sizeof t[0], cmp);
    printf("%f %lld\n", t[iters / 2], r);
    return 0;
}
