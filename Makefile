# Exo-OS. `make run` and `make test` are the two commands a newcomer needs; both call `make deps` first.
SHELL := /bin/bash
JAVA_HOME := $(shell tools/find-jdk.sh)
export JAVA_HOME
MVN := mvn -B -q -Dstyle.color=never
PROGRAM ?=

.PHONY: deps build userland run test bench bench-rings bench-alloc bench-sched bench-cpu fuzz-cpu clean

deps:
	@tools/deps.sh

build: deps
	$(MVN) install -DskipTests

# The userland (tools/userland.sh): busybox cross-built from Debian's source package, the hello worlds,
# and the root filesystem's cpio (newc) archive, all in the cache (~/.cache/exo-os/userland).
userland: deps
	@tools/userland.sh

# `make run` boots Exo-OS to a shell on this terminal (bin/exo boot: busybox init, then ash);
# `make run PROGRAM=path/to/riscv64-elf` runs one program instead (bin/exo run).
run: build userland
	@tools/aot.sh train >/dev/null
	@# the userland target has just checked the archive: bin/exo need not ask tools/userland.sh again
	@if [ -n "$(PROGRAM)" ]; then bin/exo run "$(PROGRAM)"; \
	else EXO_INITRAMFS="$${EXO_CACHE:-$$HOME/.cache/exo-os}/userland/initramfs.cpio" bin/exo boot; fi

# Not quiet: surefire's per-class "Tests run" lines and its summary are the record of what ran.
test: deps userland
	mvn -B --no-transfer-progress -Dstyle.color=never install

# `make bench` runs the suites. bench-rings: the JMH ring suite (issue 3) through its runner, results in
# boot/target/bench/jmh-rings.json and HdrHistograms (*.hgrm) beside it; JMH_ARGS adds runner or JMH options,
# e.g. make bench-rings JMH_ARGS='--quick -prof gc -p transport=fusion,jctools -p size=32'.
bench: bench-rings bench-alloc bench-sched bench-cpu

bench-rings: build
	"$(JAVA_HOME)/bin/java" @jvm.options -cp "boot/target/classes:$$(cat boot/target/classpath.txt)" \
	  org.exoos.boot.bench.rings.jmh.RingJmh $(JMH_ARGS)

# bench-alloc: the frame/object allocator's levels beside an array-stack baseline (JMH, AllocJmh), results in
# boot/target/bench/jmh-alloc.json; e.g. make bench-alloc JMH_ARGS='-f 1 -wi 2 -i 3 -w 1s -r 1s'.
bench-alloc: build
	"$(JAVA_HOME)/bin/java" @jvm.options -cp "boot/target/classes:$$(cat boot/target/classpath.txt)" \
	  org.exoos.boot.bench.alloc.AllocJmh $(JMH_ARGS)

# bench-sched: pick-next and a task switch through the scheduler, each beside a baseline (JMH, SchedJmh),
# results in boot/target/bench/jmh-sched.json; e.g. make bench-sched JMH_ARGS='-f 1 -wi 2 -i 3 -w 1s -r 1s'.
bench-sched: build
	"$(JAVA_HOME)/bin/java" @jvm.options -cp "boot/target/classes:$$(cat boot/target/classpath.txt)" \
	  org.exoos.boot.bench.sched.SchedJmh $(JMH_ARGS)

bench-cpu: build
	bin/exo bench cpu

fuzz-cpu: build
	$(MVN) -pl integration-tests test -Dtest=CpuFuzz -Dsurefire.failIfNoSpecifiedTests=false -Dexo.fuzz.seconds=$${SECONDS_LIMIT:-600}

clean:
	$(MVN) clean
