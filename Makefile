# Exo-OS. `make run` and `make test` are the two commands a newcomer needs; both call `make deps` first.
SHELL := /bin/bash
JAVA_HOME := $(shell tools/find-jdk.sh)
export JAVA_HOME
MVN := mvn -B -q -Dstyle.color=never
PROGRAM ?=

.PHONY: deps build run test bench fuzz-cpu clean

deps:
	@tools/deps.sh

build: deps
	$(MVN) install -DskipTests

# No shell yet (it arrives with the userland): `make run` runs a riscv64 program, by default the
# musl hello world built from integration-tests/src/test/c/hello.c.
run: build
	@p="$(PROGRAM)"; if [ -z "$$p" ]; then p=integration-tests/target/riscv64/musl/hello; \
	  [ -x "$$p" ] || tools/riscv-cc.sh musl "$$p" integration-tests/src/test/c/hello.c; fi; \
	  bin/exo run "$$p"

# Not quiet: surefire's per-class "Tests run" lines and its summary are the record of what ran.
test: deps
	mvn -B --no-transfer-progress -Dstyle.color=never install

bench: build
	bin/exo bench cpu

fuzz-cpu: build
	$(MVN) -pl integration-tests test -Dtest=CpuFuzz -Dsurefire.failIfNoSpecifiedTests=false -Dexo.fuzz.seconds=$${SECONDS_LIMIT:-600}

clean:
	$(MVN) clean
