// Deep recursion and calls.
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
long long run(int n) { return fib(n); }
