/* Stores to an unmapped address: the process must die of SIGSEGV (status 139). */
int main(void) {
    volatile int *p = (volatile int *)(long)8;
    *p = 1;
    return 0;
}
