/* gen_library.h - gen --library N DIR (bench/gen_library.c). */
#ifndef NEWSLENS_GEN_LIBRARY_H
#define NEWSLENS_GEN_LIBRARY_H

int	gen_library(int n, const char *dir);

#endif
