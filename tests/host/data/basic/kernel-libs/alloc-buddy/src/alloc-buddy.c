/* test source of alloc-buddy */
