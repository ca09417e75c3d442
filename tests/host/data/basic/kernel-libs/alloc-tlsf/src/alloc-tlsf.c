/* test source of alloc-tlsf */
