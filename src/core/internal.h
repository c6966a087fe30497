/* internal.h — ES_INTERNAL marks a function that several library files share but that
 * is no part of the public API (not installed).  The internal headers (fit_impl.h,
 * powerlaw_impl.h, plot_internal.h) put it on every declaration, so the function has
 * hidden visibility: it links inside libengagestat.so and from libengagestat.a, but the
 * shared library does not export it.  A function used in one file is static instead.
 * tests/symbols-check.sh (make check-symbols) fails on any exported es_ symbol that no
 * public header in include/engagestat/ declares. */
#ifndef ES_INTERNAL_H
#define ES_INTERNAL_H

#if defined(__GNUC__)
#define ES_INTERNAL __attribute__((visibility("hidden")))
#else
#define ES_INTERNAL
#endif

#endif
