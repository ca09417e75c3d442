#!/bin/sh
# dom0's client for examples/httpd as a domU (run by tests/xen/dom0-init.sh once the guest
# said it listens; busybox sh and curl, across bridge xenbr0 to the guest at 10.0.9.2).
# Prints one line per check for tests/xen/test.sh to judge:
#   first: status=200 size=N sha256=...   one GET / (status, body length and digest)
#   load: requests=1000 ok=N seconds=S rps=R   1,000 GETs on 4 kept-alive connections at once
#   malformed: HTTP/1.1 400 ...           the status line answering a garbage request
#   after: status=200                     a GET once more: it still serves
# Every step is bounded in time, so a guest that died costs seconds, not the test's budget
# (--fail-early: the load stops at the first request that got no answer).
url=http://10.0.9.2
n=${HTTPD_REQUESTS:-1000}
get() {
	timeout 30 curl -s --connect-timeout 5 -m 20 "$@"
}
# A body left by an earlier guest of the same dom0 boot (make mutate runs several) is no
# answer of this one's: curl writes no file when no answer comes.
rm -f /tmp/body
get -o /tmp/body -w 'first: status=%{http_code} size=%{size_download}' "$url/"
echo " sha256=$(sha256sum </tmp/body | cut -d' ' -f1)"
# $c clients at once (httpd serves each connection on its own thread), each sending its
# share of the requests one after another on one kept-alive connection.
c=${HTTPD_CLIENTS:-4}
rm -f /tmp/codes.*
t0=$(cut -d' ' -f1 /proc/uptime)
for i in $(seq "$c"); do
	timeout 400 curl -s --fail-early --connect-timeout 5 -m 5 -o /dev/null -w '%{http_code}\n' \
		"$url/?c$i=[$(((i - 1) * n / c + 1))-$((i * n / c))]" >/tmp/codes.$i &
done
wait
t1=$(cut -d' ' -f1 /proc/uptime)
cat /tmp/codes.* >/tmp/codes
awk -v n="$n" -v t0="$t0" -v t1="$t1" '$1 == 200 { ok++ }
	END { s = t1 - t0; r = 0; if (s > 0) r = ok / s   # (busybox awk: no ?: among printf args)
		printf "load: requests=%d ok=%d seconds=%.2f rps=%.1f\n", n, ok, s, r }' /tmp/codes
printf 'GARBAGE\r\n\r\n' | timeout 20 nc 10.0.9.2 80 >/tmp/bad
echo "malformed: $(head -n1 /tmp/bad | tr -d '\r')"
get -o /dev/null -w 'after: status=%{http_code}\n' "$url/"
