# Exo-OS. `make run` and `make test` are the two commands a newcomer needs; both call `make deps` first.
SHELL := /bin/bash
JAVA_HOME := $(shell tools/find-jdk.sh)
export JAVA_HOME
MVN := mvn -B -q -Dstyle.color=never
PROGRAM ?=

.PHONY: deps build run test bench bench-rings bench-alloc bench-sched bench-cpu fuzz-cpu clean

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
