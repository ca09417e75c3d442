# Configurations as tests: helloworld's all-yes, all-no and seeded random
# profiles, made by `kiln genconfig`, resolved and built for KVM and Xen; the KVM images
# boot under TCG (Xen boots are test-xen's). Included by buildsys/host.mk.
#
#   make test-configs    tests/configs/run.sh; logs and profiles in build/test-configs/

.PHONY: test-configs
TEST_SUITES += test-configs

test-configs: kiln
	$(Q)tests/configs/run.sh $(BUILD)/test-results/test-configs
