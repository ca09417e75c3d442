/*
 * buildsys/runnet.c — the network of `kiln run`: -p HOST:GUEST and --net tap:NAME checked,
 * and the values of the tokens the platform's run description uses for them
 * (catalog/README.md, "network" and "machine_vars"): @PORTS@ is the platform's port
 * template once per mapping, @HOST@ and @GUEST@ filled in. No runner is named here.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kiln/build.h>

/* A TCP port number, 1-65535, in plain decimal digits. */
static int port_ok(const char *s, size_t n)
{
	long v = 0;

	if (!n || n > 5 || *s == '0')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 65535;
}

int drv_add_port(struct drv_opts *o, const char *spec)
{
	const char *colon = strchr(spec, ':');

	if (!colon || !port_ok(spec, (size_t)(colon - spec)) ||
	    !port_ok(colon + 1, strlen(colon + 1))) {
		fprintf(stderr, "kiln: -p %s: expected HOST:GUEST, two TCP ports from 1 to 65535\n",
			spec);
		return -1;
	}
	cat_add_word(&o->ports, spec);
	return 0;
}

/* An interface name as Linux takes it: 1-15 characters, letters, digits, . _ - */
static int ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 15)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

int drv_set_net(struct drv_opts *o, const char *spec)
{
	if (strncmp(spec, "tap:", 4) || !ifname_ok(spec + 4)) {
		fprintf(stderr,
			"kiln: --net %s: expected tap:NAME, NAME an existing tap device "
			"(letters, digits, . _ -, at most 15)\n",
			spec);
		return -1;
	}
	o->tap = spec + 4;
	return 0;
}

/* Appends tmpl to f with @HOST@ and @GUEST@ replaced. */
static void fill_port(FILE *f, const char *tmpl, const char *host, size_t hn, const char *guest)
{
	while (*tmpl) {
		if (!strncmp(tmpl, "@HOST@", 6)) {
			fwrite(host, 1, hn, f);
			tmpl += 6;
		} else if (!strncmp(tmpl, "@GUEST@", 7)) {
			fputs(guest, f);
			tmpl += 7;
		} else {
			fputc(*tmpl++, f);
		}
	}
}

char *drv_ports_value(const struct cat_run *run, const struct cat_strv *ports)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; run->net_port && i < ports->n; i++) {
		const char *colon = strchr(ports->v[i], ':');

		fill_port(f, run->net_port, ports->v[i], (size_t)(colon - ports->v[i]), colon + 1);
	}
	fclose(f);
	return out;
}

const char *drv_machine_var(const struct cat_run *run, const char *machine, const char *name,
			    size_t len)
{
	for (size_t i = 0; i < run->nmvars; i++) {
		const struct cat_machine_var *v = &run->mvars[i];

		if (!strcmp(v->machine, machine) && strlen(v->name) == len &&
		    !strncmp(v->name, name, len))
			return v->value;
	}
	return NULL;
}
