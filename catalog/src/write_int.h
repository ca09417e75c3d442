/*
 * Private: generators of the resolved configuration files (write.c, write_h.c, write_json.c).
 * Each returns a malloc'd text; paths in them are relative to the catalog root.
 */
#ifndef KILN_WRITE_INT_H
#define KILN_WRITE_INT_H

#include "result_int.h"

char *gen_config_h(const struct cat_result *r);
char *gen_lib_h(const struct cat_result *r, size_t lib);
char *gen_part_h(const struct cat_result *r, size_t lib);
char *gen_on_h(const struct cat_result *r);
char *gen_config_json(const struct cat_result *r);
long result_app(const struct cat_result *r);

#endif
