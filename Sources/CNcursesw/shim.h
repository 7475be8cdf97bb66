#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so ask for the wide-character API here.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

// Attribute masks are built with NCURSES_BITS, which Swift cannot import.
static inline attr_t cn_attr_normal(void)    { return A_NORMAL; }
static inline attr_t cn_attr_bold(void)      { return A_BOLD; }
static inline attr_t cn_attr_dim(void)       { return A_DIM; }
static inline attr_t cn_attr_italic(void)    { return A_ITALIC; }
static inline attr_t cn_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_attr_reverse(void)   { return A_REVERSE; }

// Globals are shared mutable state to Swift 6; read them through functions.
static inline WINDOW *cn_stdscr(void)  { return stdscr; }
static inline int cn_colors(void)      { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
/* Whether the terminal takes 24-bit colours as colour numbers (terminfo's RGB flag). */
static inline int cn_has_direct_color(void) { return tigetflag("RGB") > 0 || COLORS >= 0x1000000; }

/* Sets a signal's handler (or SIG_DFL, SIG_IGN), with no flags: a blocking read it interrupts
   returns, so the run loop sees the signal at once. */
static inline void cn_set_handler(int signal, void (*handler)(int)) {
    struct sigaction action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(signal, &action, NULL);
}

// Signals: a handler that only records the signal; the run loop polls the flag.
static volatile sig_atomic_t cn_pending_signal = 0;
static inline void cn_record_signal(int signal) { cn_pending_signal = signal; }
static inline void cn_install_signal_handlers(void) {
    cn_set_handler(SIGINT, cn_record_signal);
    cn_set_handler(SIGTERM, cn_record_signal);
    cn_set_handler(SIGHUP, cn_record_signal);
}
/* Ctrl-Z (SIGTSTP): a handler of kabar's own, set before the screen is made, so that ncurses
   leaves the signal alone. ncurses' handler is set aside (the signal ignored) during every screen
   update, and a Ctrl-Z typed then was lost; this one only records it, and the run loop stops the
   process between updates. */
static volatile sig_atomic_t cn_stop_requested = 0;
static inline void cn_record_stop(int signal) { (void)signal; cn_stop_requested = 1; }
static inline void cn_catch_stop(void) { cn_set_handler(SIGTSTP, cn_record_stop); }
static inline void cn_default_stop(void) { cn_set_handler(SIGTSTP, SIG_DFL); }
static inline int cn_take_stop(void) {
    int requested = cn_stop_requested;
    cn_stop_requested = 0;
    return requested;
}
/* Stops the process as Ctrl-Z does by default and returns once it is continued (fg). */
static inline void cn_stop_now(void) {
    struct sigaction ours;
    sigaction(SIGTSTP, NULL, &ours);
    cn_default_stop();
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &mask, NULL);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &ours, NULL);
}
/* Mouse: the events kabar asks for, and what one event was (0 none, 1 wheel up, 2 wheel down,
   3 click, 4 double click), with its cell in *x and *y. */
static inline void cn_enable_mouse(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(200);
}
static inline int cn_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return 1;
    if (event.bstate & BUTTON5_PRESSED) return 2;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 4;
    if (event.bstate & BUTTON1_CLICKED) return 3;
    return 0;
}
static inline int cn_take_pending_signal(void) {
    int signal = cn_pending_signal;
    cn_pending_signal = 0;
    return signal;
}

#endif
