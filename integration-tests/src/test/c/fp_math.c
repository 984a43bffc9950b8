/*
 * The F and D extensions as C reaches them: arithmetic, printf of floating-point values in every
 * format, special values (inf, NaN, -0, subnormals), the canonical NaN, rounding modes through
 * fenv (rint, nearbyint, lrint, division), accrued exception flags, sqrt and fma, min/max,
 * classification, quiet and signalling comparisons, conversions to and from integers at and
 * beyond their range, and libm functions printed to 17 significant digits.
 *
 * Operands pass through volatiles so the operations run at run time, in the current rounding
 * mode. Checks with an exact expected value count as failures; everything else is printed so a
 * differential run shows any difference. Exit status: 0 when every check passes, 1 otherwise.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static double d(double x) { volatile double v = x; return v; }
static float f(float x) { volatile float v = x; return v; }
static int64_t i64(int64_t x) { volatile int64_t v = x; return v; }
static uint64_t u64(uint64_t x) { volatile uint64_t v = x; return v; }

static uint64_t bits(double x) { uint64_t b; memcpy(&b, &x, sizeof b); return b; }
static uint32_t fbits(float x) { uint32_t b; memcpy(&b, &x, sizeof b); return b; }

static void expect_bits(const char *what, uint64_t got, uint64_t want) {
    printf("%-36s bits 0x%016" PRIx64 "%s\n", what, got, got == want ? "" : "  FAIL");
    if (got != want) {
        printf("FAIL %s: want 0x%016" PRIx64 "\n", what, want);
        failures++;
    }
}

static void expect_int(const char *what, int64_t got, int64_t want) {
    printf("%-36s = %" PRId64 "%s\n", what, got, got == want ? "" : "  FAIL");
    if (got != want) {
        printf("FAIL %s: want %" PRId64 "\n", what, want);
        failures++;
    }
}

static void show(const char *what, double x) {
    printf("%-20s %%f=%f %%e=%e %%g=%g %%a=%a %%.17g=%.17g\n", what, x, x, x, x, x);
}

static void print_flags(const char *what) {
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("%-36s flags:%s%s%s%s%s%s\n", what,
           e & FE_INVALID ? " INVALID" : "", e & FE_DIVBYZERO ? " DIVBYZERO" : "",
           e & FE_OVERFLOW ? " OVERFLOW" : "", e & FE_UNDERFLOW ? " UNDERFLOW" : "",
           e & FE_INEXACT ? " INEXACT" : "", e ? "" : " none");
}

static void formatting(void) {
    puts("-- printf");
    show("0.1", d(0.1));
    show("1/3", d(1.0) / d(3.0));
    show("-2.5e-300", d(-2.5e-300));
    show("1e300*10", d(1e300) * d(10));
    show("DBL_MAX", d(DBL_MAX));
    show("DBL_MIN", d(DBL_MIN));
    show("DBL_TRUE_MIN", d(DBL_TRUE_MIN));
    show("DBL_MIN/3", d(DBL_MIN) / d(3));
    show("-0.0", -d(0.0));
    show("inf", d(INFINITY));
    show("-inf", -d(INFINITY));
    show("float 1/3", (double)(f(1.0f) / f(3.0f)));
    show("FLT_TRUE_MIN", (double)f(FLT_TRUE_MIN));
    show("FLT_MAX", (double)f(FLT_MAX));
    show("123456789.125", d(123456789.125));
    printf("%%.0f of 0.5, 1.5, 2.5: %.0f %.0f %.0f\n", d(0.5), d(1.5), d(2.5));
    printf("%%.3e of 9.9995: %.3e  %%10.4g of 1e-5: [%10.4g]  %%-+8.2f: [%-+8.2f]\n", d(9.9995), d(1e-5), d(3.14159));
}

static void special_values(void) {
    puts("-- special values");
    double zero = d(0.0), one = d(1.0), inf = d(INFINITY);
    /* RISC-V produces the canonical NaN 0x7ff8000000000000 (positive) for invalid operations. */
    expect_bits("0/0 is the canonical NaN", bits(zero / zero), 0x7ff8000000000000ULL);
    expect_bits("inf-inf is the canonical NaN", bits(inf - inf), 0x7ff8000000000000ULL);
    expect_bits("sqrt(-1) is the canonical NaN", bits(sqrt(d(-1.0))), 0x7ff8000000000000ULL);
    expect_bits("float 0/0 is the canonical NaN", fbits(f(0.0f) / f(0.0f)), 0x7fc00000);
    show("0/0", zero / zero);
    expect_bits("1/0", bits(one / zero), 0x7ff0000000000000ULL);
    expect_bits("-1/0", bits(-one / zero), 0xfff0000000000000ULL);
    expect_bits("1/-inf", bits(one / -inf), 0x8000000000000000ULL);
    expect_bits("-0 + 0", bits(-zero + zero), 0);
    expect_bits("-0 * 5", bits(-zero * d(5)), 0x8000000000000000ULL);
    expect_bits("-(0.0)", bits(-zero), 0x8000000000000000ULL);
    expect_bits("fabs(-0.0)", bits(fabs(-zero)), 0);
    expect_bits("copysign(3,-0.0)", bits(copysign(d(3), -zero)), 0xc008000000000000ULL);
    expect_bits("DBL_TRUE_MIN/2 rounds to 0", bits(d(DBL_TRUE_MIN) / d(2)), 0);
    expect_bits("DBL_TRUE_MIN*1.5 rounds to even", bits(d(DBL_TRUE_MIN) * d(1.5)), 2);
    expect_bits("DBL_MIN - DBL_TRUE_MIN", bits(d(DBL_MIN) - d(DBL_TRUE_MIN)), 0x000fffffffffffffULL);
    expect_bits("subnormal * 2^52", bits(d(DBL_TRUE_MIN) * d(4503599627370496.0)), 0x0010000000000000ULL);
    expect_bits("float subnormal + subnormal", fbits(f(FLT_TRUE_MIN) + f(FLT_TRUE_MIN)), 2);
    expect_bits("DBL_MAX*2", bits(d(DBL_MAX) * d(2)), 0x7ff0000000000000ULL);
    expect_bits("(float)1e300", fbits((float)d(1e300)), 0x7f800000);
    expect_bits("(float)1e-50", fbits((float)d(1e-50)), 0);
    expect_bits("(double)float NaN stays NaN", bits((double)(f(0.0f) / f(0.0f))), 0x7ff8000000000000ULL);

    double values[] = {0.0, -0.0, 1.0, DBL_TRUE_MIN, INFINITY, NAN, -DBL_MIN / 4};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        double x = d(values[i]);
        const char *c = "other";
        switch (fpclassify(x)) {
        case FP_NAN: c = "nan"; break;
        case FP_INFINITE: c = "infinite"; break;
        case FP_ZERO: c = "zero"; break;
        case FP_SUBNORMAL: c = "subnormal"; break;
        case FP_NORMAL: c = "normal"; break;
        }
        printf("fpclassify(%a)=%s signbit=%d isnan=%d isinf=%d isfinite=%d isnormal=%d\n",
               x, c, signbit(x) != 0, isnan(x) != 0, isinf(x) != 0, isfinite(x) != 0, isnormal(x) != 0);
    }
}

static void min_max_compare(void) {
    puts("-- min, max, comparisons");
    double nan = d(NAN), zero = d(0.0);
    expect_bits("fmin(-0,+0)", bits(fmin(-zero, zero)), 0x8000000000000000ULL);
    expect_bits("fmax(-0,+0)", bits(fmax(-zero, zero)), 0);
    expect_bits("fmin(NaN,1)", bits(fmin(nan, d(1))), bits(1.0));
    expect_bits("fmax(2,NaN)", bits(fmax(d(2), nan)), bits(2.0));
    expect_bits("fminf(-0,+0)", fbits(fminf(-f(0.0f), f(0.0f))), 0x80000000);
    feclearexcept(FE_ALL_EXCEPT);
    int eq = nan == nan;
    expect_int("NaN == NaN", eq, 0);
    print_flags("after NaN == NaN (quiet)");
    feclearexcept(FE_ALL_EXCEPT);
    int lt = nan < d(1);
    expect_int("NaN < 1", lt, 0);
    print_flags("after NaN < 1 (signalling)");
    feclearexcept(FE_ALL_EXCEPT);
    int ql = isless(nan, d(1));
    expect_int("isless(NaN,1)", ql, 0);
    print_flags("after isless(NaN,1) (quiet)");
    expect_int("-0 == +0", -zero == zero, 1);
    expect_int("1 <= 1", d(1) <= d(1), 1);
    expect_int("float 2 > 1", f(2.0f) > f(1.0f), 1);
}

static void exceptions(void) {
    puts("-- exception flags");
    volatile double r;
    volatile float rf;
    feclearexcept(FE_ALL_EXCEPT);
    r = d(2) + d(2);
    print_flags("2+2");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(1) / d(0);
    print_flags("1/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(0) / d(0);
    print_flags("0/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(1) / d(3);
    print_flags("1/3");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(DBL_MAX) * d(2);
    print_flags("DBL_MAX*2");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(DBL_MIN) * d(DBL_MIN);
    print_flags("DBL_MIN*DBL_MIN");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(DBL_MIN) / d(4);
    print_flags("DBL_MIN/4 (exact subnormal)");
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(d(-1));
    print_flags("sqrt(-1)");
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(d(2));
    print_flags("sqrt(2)");
    feclearexcept(FE_ALL_EXCEPT);
    rf = (float)d(1e300);
    print_flags("(float)1e300");
    feclearexcept(FE_ALL_EXCEPT);
    rf = f(1e30f) * f(1e30f);
    print_flags("float 1e30*1e30");
    feclearexcept(FE_ALL_EXCEPT);
    volatile int i = (int)d(1e10);
    print_flags("(int)1e10");
    feclearexcept(FE_ALL_EXCEPT);
    i = (int)d(2.5);
    print_flags("(int)2.5");
    feclearexcept(FE_ALL_EXCEPT);
    r = d(INFINITY) * d(0);
    print_flags("inf*0");
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW);
    print_flags("feraiseexcept(FE_OVERFLOW)");
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    print_flags("fesetexceptflag restores");
    feclearexcept(FE_ALL_EXCEPT);
    (void)r;
    (void)rf;
    (void)i;
}

static void rounding_modes(void) {
    puts("-- rounding modes");
    static const struct { int mode; const char *name; } modes[] = {
        {FE_TONEAREST, "nearest"}, {FE_DOWNWARD, "down"}, {FE_UPWARD, "up"}, {FE_TOWARDZERO, "toward zero"},
    };
    for (unsigned m = 0; m < 4; m++) {
        expect_int(modes[m].name, fesetround(modes[m].mode), 0);
        expect_int("  fegetround", fegetround(), modes[m].mode);
        printf("  rint: 2.5->%g -2.5->%g 3.5->%g -0.5->%g 0.49999999999999994->%g\n", rint(d(2.5)), rint(d(-2.5)),
               rint(d(3.5)), rint(d(-0.5)), rint(d(0.49999999999999994)));
        feclearexcept(FE_ALL_EXCEPT);
        double n = nearbyint(d(2.5));
        printf("  nearbyint(2.5)=%g ", n);
        print_flags("(no inexact)");
        feclearexcept(FE_ALL_EXCEPT);
        double ri = rint(d(2.5));
        printf("  rint(2.5)=%g ", ri);
        print_flags("(inexact)");
        printf("  lrint: 2.5->%ld -2.5->%ld 1e10+0.5->%ld  llrint(-7.5)->%lld  rintf(1.5f)->%g\n", lrint(d(2.5)),
               lrint(d(-2.5)), lrint(d(1e10 + 0.5)), llrint(d(-7.5)), (double)rintf(f(1.5f)));
        printf("  1/3=%a -1/3=%a 1f/3f=%a 2/3=%.17g\n", d(1) / d(3), d(-1) / d(3), (double)(f(1) / f(3)),
               d(2) / d(3));
        printf("  sqrt(2)=%a 1e308*10=%g DBL_MAX+DBL_MAX/2^53=%a\n", sqrt(d(2)), d(1e308) * d(10),
               d(DBL_MAX) + d(DBL_MAX) / d(9007199254740992.0));
        printf("  (double)INT64_MAX=%a (float)16777217=%a (double)0x20000000000001=%a\n", (double)i64(INT64_MAX),
               (double)(float)i64(16777217), (double)i64(0x20000000000001LL));
        printf("  fma(1/3 parts)=%a round(2.5)=%g trunc(-2.7)=%g floor(-2.5)=%g ceil(2.1)=%g\n",
               fma(d(1) / d(3), d(3), d(-1)), round(d(2.5)), trunc(d(-2.7)), floor(d(-2.5)), ceil(d(2.1)));
    }
    fesetround(FE_TONEAREST);
}

static void sqrt_fma(void) {
    puts("-- sqrt and fma");
    expect_bits("sqrt(2)", bits(sqrt(d(2))), 0x3ff6a09e667f3bcdULL);
    printf("sqrt(1e-310) (subnormal input) = %a\n", sqrt(d(1e-310)));
    expect_bits("sqrtf(2)", fbits(sqrtf(f(2.0f))), 0x3fb504f3);
    expect_bits("sqrt(-0.0) is -0.0", bits(sqrt(-d(0.0))), 0x8000000000000000ULL);
    expect_bits("sqrt(inf)", bits(sqrt(d(INFINITY))), 0x7ff0000000000000ULL);
    /* fma keeps the product exact: 0.1*10-1 exposes the rounding error of 0.1. */
    expect_bits("fma(0.1,10,-1)", bits(fma(d(0.1), d(10), d(-1))), bits(5.551115123125783e-17));
    volatile double product = d(0.1) * d(10);
    expect_bits("0.1*10-1 (two roundings)", bits(product - d(1)), 0);
    expect_bits("fmaf(0.1f,10,-1)", fbits(fmaf(f(0.1f), f(10), f(-1))), fbits(1.4901161e-08f));
    expect_bits("fma(inf,0,1) is NaN", bits(fma(d(INFINITY), d(0), d(1))), 0x7ff8000000000000ULL);
    expect_bits("fma(-1,1,1) is +0", bits(fma(d(-1), d(1), d(1))), 0);
    expect_bits("fms x*y-z via fma", bits(fma(d(3), d(5), -d(1))), bits(14.0));
    expect_bits("fnmadd -(x*y)-z", bits(-fma(d(3), d(5), d(1))), bits(-16.0));
    double x = d(1.0000000000000002), acc = 0;
    for (int i = 0; i < 1000; i++) acc = fma(x, acc, x);
    printf("fma recurrence=%.17g\n", acc);
}

static void conversions(void) {
    puts("-- conversions (RISC-V saturates out-of-range values)");
    expect_int("(int32)3e9", (int32_t)d(3e9), INT32_MAX);
    expect_int("(int32)-3e9", (int32_t)d(-3e9), INT32_MIN);
    expect_int("(int32)NaN", (int32_t)d(NAN), INT32_MAX);
    expect_int("(int64)1e19", (int64_t)d(1e19), INT64_MAX);
    expect_int("(int64)-1e19", (int64_t)d(-1e19), INT64_MIN);
    expect_int("(int64)-inf", (int64_t)d(-INFINITY), INT64_MIN);
    expect_int("(int64)NaN", (int64_t)d(NAN), INT64_MAX);
    expect_int("(int64)-2.9 truncates", (int64_t)d(-2.9), -2);
    expect_int("(int64)float 1e10f", (int64_t)f(1e10f), 10000000000LL);
    expect_bits("(uint64)1.8e19", (uint64_t)d(1.8e19), 18000000000000000000ULL);
    expect_bits("(uint64)-1.0", (uint64_t)d(-1.0), 0);
    expect_bits("(uint64)2e19", (uint64_t)d(2e19), UINT64_MAX);
    expect_bits("(uint32)-1.0 via fcvt.wu", (uint64_t)(uint32_t)d(-1.0), 0);
    expect_bits("(uint32)5e9", (uint64_t)(uint32_t)d(5e9), UINT32_MAX);
    expect_bits("(double)INT64_MAX", bits((double)i64(INT64_MAX)), bits(9223372036854775808.0));
    expect_bits("(double)INT64_MIN", bits((double)i64(INT64_MIN)), bits(-9223372036854775808.0));
    expect_bits("(double)UINT64_MAX", bits((double)u64(UINT64_MAX)), bits(18446744073709551616.0));
    expect_bits("(double)2^53+1 ties to even", bits((double)i64(9007199254740993LL)), bits(9007199254740992.0));
    expect_bits("(float)16777217", fbits((float)i64(16777217)), fbits(16777216.0f));
    expect_bits("(float)(uint64)2^64-1", fbits((float)u64(UINT64_MAX)), fbits(18446744073709551616.0f));
    expect_bits("(float)int32 -7", fbits((float)(int32_t)i64(-7)), fbits(-7.0f));
    expect_bits("(double)(uint32)0xffffffff", bits((double)(uint32_t)u64(0xffffffffULL)), bits(4294967295.0));
    expect_bits("float->double 0.1f", bits((double)f(0.1f)), 0x3fb99999a0000000ULL);
    expect_bits("double->float 0.1", fbits((float)d(0.1)), 0x3dcccccd);
}

static void libm(void) {
    puts("-- libm");
    static const double args[] = {0.5, 1.0, -2.25, 3.141592653589793, 100.0, 1e-8, 1e22};
    for (unsigned i = 0; i < sizeof args / sizeof args[0]; i++) {
        double x = d(args[i]);
        printf("x=%.17g sin=%.17g cos=%.17g tan=%.17g atan=%.17g\n", x, sin(x), cos(x), tan(x), atan(x));
        printf("  exp=%.17g expm1=%.17g log|x|=%.17g log1p|x|=%.17g cbrt=%.17g\n", exp(fmin(x, 700)),
               expm1(fmin(x, 700)), log(fabs(x)), log1p(fabs(x)), cbrt(x));
        printf("  pow(|x|,0.3)=%.17g pow(x,3)=%.17g atan2(x,-1)=%.17g sinh=%.17g hypot(x,2)=%.17g\n",
               pow(fabs(x), 0.3), pow(x, 3), atan2(x, d(-1)), sinh(fmin(x, 700)), hypot(x, d(2)));
    }
    printf("pow(2,0.5)=%.17g pow(-8,1/3.)=%.17g pow(0,-1)=%g exp(709.8)=%g log(0)=%g log(-1)=%g\n", pow(d(2), d(0.5)),
           pow(d(-8), d(1) / d(3)), pow(d(0), d(-1)), exp(d(709.8)), log(d(0)), log(d(-1)));
    printf("atan2: (1,1)=%.17g (-1,-1)=%.17g (0,-0)=%.17g (-0,-1)=%.17g\n", atan2(d(1), d(1)), atan2(d(-1), d(-1)),
           atan2(d(0), -d(0)), atan2(-d(0), d(-1)));
    printf("float: sinf(1)=%.9g expf(1)=%.9g logf(10)=%.9g powf(2,0.5)=%.9g\n", (double)sinf(f(1)),
           (double)expf(f(1)), (double)logf(f(10)), (double)powf(f(2), f(0.5f)));
    int e;
    double m = frexp(d(1e-310), &e);
    printf("frexp(1e-310)=%a,%d ldexp(1,-1074)=%a modf(-3.75)=", m, e, ldexp(d(1), -1074));
    double ip;
    double fp = modf(d(-3.75), &ip);
    printf("%g,%g fmod(-7,3)=%g remainder(7,2)=%g\n", ip, fp, fmod(d(-7), d(3)), remainder(d(7), d(2)));
}

int main(void) {
    formatting();
    special_values();
    min_max_compare();
    exceptions();
    rounding_modes();
    sqrt_fma();
    conversions();
    libm();
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
