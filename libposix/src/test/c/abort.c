/* abort() raises SIGABRT: the process must die of it (status 134) after its output is flushed. */
#include <stdio.h>
#include <stdlib.h>
int main(void) { printf("x\n"); fflush(stdout); abort(); }
