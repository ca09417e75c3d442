/*
 * Compiler helpers for guest code: attribute shorthands and IS_ENABLED(), which turns a
 * CONFIG_ macro into 1 or 0 in plain C expressions. The resolver defines a bool option that
 * is on as 1 and leaves it undefined when off (buildsys/README.md), so
 * `if (IS_ENABLED(CONFIG_X))` compiles both branches and lets the optimiser drop one.
 */
#ifndef KILN_COMPILER_H
#define KILN_COMPILER_H

#define __kiln_used	  __attribute__((used))
#define __kiln_section(s) __attribute__((section(s)))
#define __kiln_noreturn	  __attribute__((noreturn))
#define KILN_STR(x)	  KILN_STR_(x)
#define KILN_STR_(x)	  #x

/*
 * IS_ENABLED(CONFIG_X): when CONFIG_X is defined as 1, KILN_ON_ ## 1 expands to "x,", which
 * shifts a 1 into the second argument slot; otherwise the junk token stays one argument and
 * the 0 is picked.
 */
#define KILN_ON_1	      x,
#define KILN_PICK2(a, b, ...) b
#define KILN_PICK(args)	      KILN_PICK2 args
#define KILN_IS_ON(tok)	      KILN_PICK((tok 1, 0))
#define KILN_IS_ON_(v)	      KILN_IS_ON(KILN_ON_##v)
#define IS_ENABLED(opt)	      KILN_IS_ON_(opt)

#define KILN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
