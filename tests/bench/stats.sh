# Small statistics and table helpers for the bench scripts (sourced). Inputs are numbers,
# one per argument; results are printed with one decimal.

# median N...
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# spread N...: "median [min-max]"
spread() {
	printf '%s [%.1f-%.1f]' "$(median "$@")" \
		"$(printf '%s\n' "$@" | sort -g | head -1)" "$(printf '%s\n' "$@" | sort -g | tail -1)"
}

# delta "A..." "B...": median(A) - median(B)
delta() {
	# shellcheck disable=SC2086 # word splitting of the lists is the point
	awk -v a="$(median $1)" -v b="$(median $2)" 'BEGIN { printf "%.1f", a - b }'
}

# row WHAT VALUE QUOTED GOAL: one line of the table. QUOTED is another system's figure,
# not measured by this run: it is printed as "quoted", with its source in the bench's
# footnote (tests/bench/readme_figures.py keeps it apart from what was measured).
row() {
	printf '  %-36s  %-40s  %-16s  %s\n' "$1" "$2" "${3:+quoted $3}" "${4:+goal $4}"
}

# index_of WORD ARGS...: position of WORD among ARGS (0-based).
index_of() {
	local want=$1 i=0
	shift
	for a in "$@"; do
		[ "$a" = "$want" ] && { echo "$i"; return; }
		i=$((i + 1))
	done
	echo -1
}
