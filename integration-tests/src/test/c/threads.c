/*
 * POSIX threads on both C libraries: clone(CLONE_THREAD...) and futex underneath. A mutex-protected counter
 * over 4 threads, a condition-variable ping-pong, a barrier, join values, __thread variables, thread ids, a
 * detached thread, raw futex errors (ETIMEDOUT, EAGAIN) and a wake across threads, and finally exit(3) from
 * a thread other than main while main waits and another thread spins: the whole process ends with it.
 */
#define _GNU_SOURCE
#include "check.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* linux/futex.h, which musl's headers do not carry */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

#define THREADS 4
#define ROUNDS 5000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pthread_barrier_t barrier;
static int serial_count;
static __thread int tls_value = 5;
static int tls_kept[THREADS];
static pid_t tids[THREADS];
static pid_t pids[THREADS];

static long futex(int *word, int op, int val, const struct timespec *timeout) {
    return syscall(SYS_futex, word, op, val, timeout, NULL, 0);
}

static void *worker(void *arg) {
    int index = (int) (intptr_t) arg;
    tls_value = 100 + index;
    tids[index] = (pid_t) syscall(SYS_gettid);
    pids[index] = getpid();
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    int r = pthread_barrier_wait(&barrier);
    if (r == PTHREAD_BARRIER_SERIAL_THREAD) {
        pthread_mutex_lock(&lock);
        serial_count++;
        pthread_mutex_unlock(&lock);
    }
    tls_kept[index] = tls_value == 100 + index; /* after the others wrote theirs */
    return (void *) (intptr_t) (index * 10 + 1);
}

/* ---- condition variable ping-pong ---- */
static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int turn; /* 0: main's, 1: the partner's */
static int pp_rounds_seen;

static void *partner(void *arg) {
    (void) arg;
    for (int i = 0; i < 200; i++) {
        pthread_mutex_lock(&pp_lock);
        while (turn != 1) pthread_cond_wait(&pp_cond, &pp_lock);
        pp_rounds_seen++;
        turn = 0;
        pthread_cond_signal(&pp_cond);
        pthread_mutex_unlock(&pp_lock);
    }
    return NULL;
}

/* ---- detached thread ---- */
static pthread_mutex_t det_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t det_cond = PTHREAD_COND_INITIALIZER;
static int det_done;

static void *detached(void *arg) {
    (void) arg;
    pthread_mutex_lock(&det_lock);
    det_done = 1;
    pthread_cond_broadcast(&det_cond);
    pthread_mutex_unlock(&det_lock);
    return NULL;
}

/* ---- a raw futex wake across threads ---- */
static int flag_word;

static void *waker(void *arg) {
    (void) arg;
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL); /* let main go to sleep first (either order gives the same result) */
    __atomic_store_n(&flag_word, 1, __ATOMIC_SEQ_CST);
    futex(&flag_word, FUTEX_WAKE_PRIVATE, 1, NULL);
    return NULL;
}

/* ---- the end: exit from a thread ---- */
static volatile unsigned long spins;

static void *spinner(void *arg) {
    (void) arg;
    for (;;) spins++;
    return NULL;
}

static void *exiter(void *arg) {
    (void) arg;
    printf("thread calls exit(3)\n");
    exit(failures ? 1 : 3);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pid_t main_tid = (pid_t) syscall(SYS_gettid);
    check(main_tid == getpid(), "main thread's tid is the pid");
    pthread_t main_self = pthread_self();

    pthread_t t[THREADS];
    check(pthread_barrier_init(&barrier, NULL, THREADS) == 0, "barrier init");
    int created = 0;
    for (int i = 0; i < THREADS; i++) created += pthread_create(&t[i], NULL, worker, (void *) (intptr_t) i) == 0;
    check(created == THREADS, "4 threads created");
    int joined_ok = 1;
    for (int i = 0; i < THREADS; i++) {
        void *ret = NULL;
        joined_ok &= pthread_join(t[i], &ret) == 0 && ret == (void *) (intptr_t) (i * 10 + 1);
    }
    check(joined_ok, "pthread_join returns each thread's value");
    printf("counter: %ld\n", counter);
    check(counter == (long) THREADS * ROUNDS, "mutex-protected counter is exact");
    check(serial_count == 1, "exactly one thread is the barrier's serial thread");
    int kept = 1;
    for (int i = 0; i < THREADS; i++) kept &= tls_kept[i];
    check(kept, "each thread keeps its own __thread value");
    check(tls_value == 5, "main's __thread value is untouched");
    int distinct = 1, same_pid = 1;
    for (int i = 0; i < THREADS; i++) {
        distinct &= tids[i] != main_tid && tids[i] > 0;
        for (int j = 0; j < i; j++) distinct &= tids[i] != tids[j];
        same_pid &= pids[i] == getpid();
    }
    check(distinct, "gettid differs in every thread");
    check(same_pid, "getpid is the same in every thread");
    check(pthread_equal(pthread_self(), main_self) && !pthread_equal(t[0], main_self), "pthread_self is per thread");
    pthread_barrier_destroy(&barrier);

    /* condition variable ping-pong */
    pthread_t p;
    check(pthread_create(&p, NULL, partner, NULL) == 0, "partner created");
    for (int i = 0; i < 200; i++) {
        pthread_mutex_lock(&pp_lock);
        turn = 1;
        pthread_cond_signal(&pp_cond);
        while (turn != 0) pthread_cond_wait(&pp_cond, &pp_lock);
        pthread_mutex_unlock(&pp_lock);
    }
    pthread_join(p, NULL);
    printf("ping-pong rounds: %d\n", pp_rounds_seen);
    check(pp_rounds_seen == 200, "condvar handshake");

    /* detached thread */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    check(pthread_create(&d, &attr, detached, NULL) == 0, "detached thread created");
    pthread_attr_destroy(&attr);
    pthread_mutex_lock(&det_lock);
    while (!det_done) pthread_cond_wait(&det_cond, &det_lock);
    pthread_mutex_unlock(&det_lock);
    check(det_done, "detached thread ran");

    /* raw futex */
    int word = 0;
    struct timespec short_wait = {0, 30 * 1000 * 1000};
    long r = futex(&word, FUTEX_WAIT_PRIVATE, 0, &short_wait);
    check(r == -1 && errno == ETIMEDOUT, "futex wait with a timeout gives ETIMEDOUT");
    word = 1;
    r = futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL);
    check(r == -1 && errno == EAGAIN, "futex wait on a changed value gives EAGAIN");
    pthread_t w;
    check(pthread_create(&w, NULL, waker, NULL) == 0, "waker created");
    int woke = 0;
    while (__atomic_load_n(&flag_word, __ATOMIC_SEQ_CST) == 0) {
        long fr = futex(&flag_word, FUTEX_WAIT_PRIVATE, 0, NULL);
        woke |= fr == 0 || (fr == -1 && errno == EAGAIN);
    }
    pthread_join(w, NULL);
    check(woke || flag_word == 1, "futex wake from another thread ends the wait");
    r = futex((int *) ((char *) &word + 1), FUTEX_WAKE_PRIVATE, 1, NULL);
    check(r == -1 && errno == EINVAL, "futex on a misaligned word gives EINVAL");

    /* exit from a non-main thread ends everything */
    pthread_t s, e;
    check(pthread_create(&s, NULL, spinner, NULL) == 0, "spinner created");
    fflush(stdout);
    pthread_create(&e, NULL, exiter, NULL);
    pthread_join(e, NULL); /* never returns: the exiting thread takes the process */
    printf("FAIL main outlived exit\n");
    return 1;
}
