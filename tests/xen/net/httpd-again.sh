#!/bin/sh
# dom0's client for the second `xl create` of the same httpd image (tests/xen/test.sh):
# after the first domain was destroyed, the new one serves at the same address.
rm -f /tmp/body # the first domain's (httpd.sh): curl writes none when no answer comes
timeout 30 curl -s --connect-timeout 5 -m 20 -o /tmp/body \
	-w 'again: status=%{http_code} size=%{size_download}' http://10.0.9.2/
echo " sha256=$(sha256sum </tmp/body | cut -d' ' -f1)"
