# SPDX-License-Identifier: GPL-3.0-or-later
# A thin wrapper over CMake. `make run` and `make test` do all the set-up.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Tests at once: twice the cores, since the real-time audio tests spend most
# of their time waiting on the clock (42 s of CPU in a 289 s serial run).
TEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))

.PHONY: all deps test-deps build run test test-plain test-asan test-fuzz fuzz bench clean

all: build

deps:
	@sh scripts/install-deps.sh build

test-deps:
	@sh scripts/install-deps.sh test

# The developers' build: -Werror, and run from here it uses prompts/ and
# recordings/ (a distribution leaves REHEARSE_DEVELOPER off). CMake's output
# stays visible: its "rehearse: ..." lines say which optional features this
# build has.
DEVELOPER ?= -DREHEARSE_DEVELOPER=ON

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(DEVELOPER)
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/rehearse

# The whole suite, plainly and then under AddressSanitizer + UBSan, then
# each libFuzzer harness briefly.
test: test-deps test-plain test-asan test-fuzz

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(TEST_JOBS)

test-asan: test-deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DREHEARSE_SANITIZE=ON $(DEVELOPER)
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(TEST_JOBS)

FUZZ_SECONDS ?= 25
test-fuzz: test-deps
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Longer fuzzing: make fuzz FUZZ_SECONDS=3600 (each harness in turn).
fuzz: test-fuzz

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
