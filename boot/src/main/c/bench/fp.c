/*
 * bench cpu: fp. Double-precision work: an n-body simulation of five bodies (mul, add, div,
 * sqrt), and a 96x96 matrix multiply with fused multiply-adds, each round feeding the next.
 *
 *   fp [ROUNDS]          default 5; the work is linear in ROUNDS
 *
 * Prints "fp rounds=R checksum=HEX", built from the exact bits of the results, so any
 * difference in rounding shows.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODIES 5
#define STEPS 50000
#define N 96

struct body { double x, y, z, vx, vy, vz, mass; };

static void advance(struct body *b, double dt) {
    for (int i = 0; i < BODIES; i++) {
        for (int j = i + 1; j < BODIES; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].mass * mag;
            b[i].vy -= dy * b[j].mass * mag;
            b[i].vz -= dz * b[j].mass * mag;
            b[j].vx += dx * b[i].mass * mag;
            b[j].vy += dy * b[i].mass * mag;
            b[j].vz += dz * b[i].mass * mag;
        }
    }
    for (int i = 0; i < BODIES; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

static double energy(const struct body *b) {
    double e = 0;
    for (int i = 0; i < BODIES; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < BODIES; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void matmul(const double *a, const double *b, double *c) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) c[i * N + j] = 0;
        for (int k = 0; k < N; k++) {
            double aik = a[i * N + k];
            for (int j = 0; j < N; j++) c[i * N + j] = fma(aik, b[k * N + j], c[i * N + j]);
        }
    }
}

static uint64_t bits(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5;
    static double a[N * N], b[N * N], c[N * N];
    const double pi = 3.141592653589793, days = 365.24, solar = 4 * pi * pi;
    uint64_t checksum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        struct body sys[BODIES] = {
            {0, 0, 0, 0, 0, 0, solar},
            {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * days,
             7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days, 9.54791938424326609e-04 * solar},
            {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * days,
             4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days, 2.85885980666130812e-04 * solar},
            {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * days,
             2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days, 4.36624404335156298e-05 * solar},
            {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * days,
             1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days, 5.15138902046611451e-05 * solar},
        };
        sys[0].x = r * 1e-3;
        for (int s = 0; s < STEPS; s++) advance(sys, 0.01);
        checksum = checksum * 31 + bits(energy(sys));

        for (int i = 0; i < N * N; i++) {
            a[i] = (double)((i * 7 + r) % 23) / 11.0 - 1.0;
            b[i] = (double)((i * 13 + 3 * r) % 29) / 17.0 - 0.5;
        }
        for (int rep = 0; rep < 4; rep++) {
            matmul(a, b, c);
            for (int i = 0; i < N * N; i++) a[i] = c[i] / (1.0 + fabs(c[i]));
        }
        double trace = 0;
        for (int i = 0; i < N; i++) trace += c[i * N + i];
        checksum = checksum * 31 + bits(trace);
    }
    printf("fp rounds=%u checksum=%016llx\n", rounds, (unsigned long long)checksum);
    return 0;
}
