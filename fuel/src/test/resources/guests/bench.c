// CPU-bound guest for fuel tests and measurements.
// Build: clang --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug bench.c -o bench.wasm
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

static uint32_t data[1 << 16];
static uint8_t flags[1 << 20];

EXPORT("fib") int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

EXPORT("sieve") int sieve(int n) {
    if (n > (int) sizeof flags) n = sizeof flags;
    for (int i = 0; i < n; i++) flags[i] = 1;
    int count = 0;
    for (int i = 2; i < n; i++) {
        if (!flags[i]) continue;
        count++;
        for (int j = i + i; j < n; j += i) flags[j] = 0;
    }
    return count;
}

static uint32_t seed = 1;
static uint32_t next(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

static int compare(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
    return (x > y) - (x < y);
}

EXPORT("sort") uint32_t sort(int n) {
    if (n > (int) (sizeof data / sizeof data[0])) n = sizeof data / sizeof data[0];
    seed = 1;
    for (int i = 0; i < n; i++) data[i] = next();
    qsort(data, n, sizeof data[0], compare);
    uint32_t h = 0;
    for (int i = 0; i < n; i++) h = h * 31 + data[i];
    return h;
}

EXPORT("arith") uint64_t arith(int n) {
    uint64_t a = 1, b = 0;
    for (int i = 0; i < n; i++) {
        a = a * 6364136223846793005ull + 1442695040888963407ull;
        b ^= a >> 17;
        b += (uint64_t) i * 3;
    }
    return a ^ b;
}

int main(void) {
    printf("fib(20)=%d sieve(100000)=%d sort(1000)=%u arith(1000)=%llu\n",
           fib(20), sieve(100000), sort(1000), (unsigned long long) arith(1000));
    return 0;
}
