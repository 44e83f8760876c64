# ngx_feed
#
#   make              build build/ngx_http_feed_module.so for the system nginx
#   make test         unit tests (ASan/UBSan) and the Test::Nginx suite
#   make demo         serve examples/site on http://127.0.0.1:8080
#   make test-static  build nginx from source with the module compiled in,
#                     and run the suite against it
#   make valgrind     the unit tests and the suite under valgrind
#   make bench        the performance benchmark (see docs/performance.md)
#   make fuzz         fuzz the head scanner and the extractor with libFuzzer
#                     (FUZZ_TIME=120 seconds each)

BUILD      ?= build
MODULE     := $(BUILD)/ngx_http_feed_module.so
NGINX      ?= /usr/sbin/nginx
PROVE      ?= prove

CC         ?= cc
XML_CFLAGS  = $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS    = $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
PCRE_LIBS   = $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)

CORE_SRCS  := $(sort $(wildcard src/feed_*.c))
CORE_HDRS  := $(wildcard src/feed_*.h)
UNIT_SRCS  := $(sort $(wildcard t/unit/test_*.c))
TOOL_SRCS  := $(sort $(wildcard t/tools/*.c))

SAN        ?= -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_CFLAGS = -std=gnu99 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
              -Isrc $(XML_CFLAGS) $(SAN)
UNIT_DIR   := $(BUILD)/unit$(if $(SAN),,-nosan)
UNIT_BINS  := $(UNIT_SRCS:t/unit/%.c=$(UNIT_DIR)/%)
TOOL_BINS  := $(TOOL_SRCS:t/tools/%.c=$(UNIT_DIR)/%)
CORE_OBJS  := $(CORE_SRCS:src/%.c=$(UNIT_DIR)/obj/%.o)

# the real Test::Nginx when installed, else the runner in t/lib
TEST_NGINX_LIB = $(shell perl -MTest::Nginx::Socket -e1 2>/dev/null \
                         || echo -I t/lib)

export TEST_NGINX_BINARY ?= $(NGINX)
export TEST_NGINX_SERVROOT ?= $(CURDIR)/$(BUILD)/servroot

.PHONY: all deps test-deps unit tools conformance test test-static \
        demo valgrind bench fuzz clean

all: $(MODULE)

deps:
	@sh util/deps.sh build

test-deps:
	@sh util/deps.sh build test

$(MODULE): deps config ngx_feed_module.c $(wildcard src/*.c src/*.h)
	@bash util/build-module.sh

# core unit tests, with sanitizers

$(UNIT_DIR)/obj/%.o: src/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_DIR)/libfeedcore.a: $(CORE_OBJS)
	rm -f $@
	ar rcs $@ $^

$(UNIT_DIR)/%: t/unit/%.c t/unit/tap.h $(UNIT_DIR)/libfeedcore.a
	$(CC) $(UNIT_CFLAGS) $< $(UNIT_DIR)/libfeedcore.a $(XML_LIBS) \
	    $(PCRE_LIBS) -lm -o $@

$(UNIT_DIR)/%: t/tools/%.c $(UNIT_DIR)/libfeedcore.a
	$(CC) $(UNIT_CFLAGS) $< $(UNIT_DIR)/libfeedcore.a $(XML_LIBS) \
	    $(PCRE_LIBS) -lm -o $@

unit: test-deps $(UNIT_BINS) $(TOOL_BINS)

tools: $(TOOL_BINS)

conformance: unit
	@sh util/conformance.sh $(UNIT_DIR)

# the runner's own tests, when it is the one in use
RUNNER_TESTS = $(if $(TEST_NGINX_LIB),t/runner/*.t)

test: test-deps $(MODULE) unit
	@sh util/conformance.sh $(UNIT_DIR) $(CURDIR)/$(MODULE)
	TEST_NGINX_LOAD_MODULES=$(CURDIR)/$(MODULE) \
	    $(PROVE) $(TEST_NGINX_LIB) $(UNIT_BINS) $(RUNNER_TESTS) t/*.t

test-static: test-deps
	@bash util/build-static.sh
	TEST_NGINX_BINARY=$(CURDIR)/$(BUILD)/static/objs/nginx \
	    $(PROVE) $(TEST_NGINX_LIB) t/*.t

valgrind: test-deps $(MODULE)
	@$(MAKE) --no-print-directory SAN= unit
	$(PROVE) --exec 'valgrind -q --leak-check=full --error-exitcode=1' \
	    $(UNIT_SRCS:t/unit/%.c=$(BUILD)/unit-nosan/%)
	TEST_NGINX_USE_VALGRIND=1 TEST_NGINX_LOAD_MODULES=$(CURDIR)/$(MODULE) \
	    $(PROVE) $(TEST_NGINX_LIB) t/*.t

demo: test-deps $(MODULE)
	@sh util/demo.sh $(CURDIR)/$(MODULE)

bench: test-deps $(MODULE)
	@sh util/deps.sh bench
	@bash util/bench.sh

FUZZ_TIME ?= 120

fuzz:
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/pages
	clang -std=gnu99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	    t/fuzz/fuzz_scan.c src/feed_scan.c src/feed_scan_text.c \
	    src/feed_core.c -o $(BUILD)/fuzz/fuzz_scan
	clang -std=gnu99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	    $(XML_CFLAGS) t/fuzz/fuzz_extract.c $(CORE_SRCS) $(XML_LIBS) \
	    $(PCRE_LIBS) -lm -o $(BUILD)/fuzz/fuzz_extract
	cp t/unit/scan/* $(BUILD)/fuzz/corpus/
	cp t/conformance/pages/*.html $(BUILD)/fuzz/pages/
	$(BUILD)/fuzz/fuzz_scan -max_total_time=$(FUZZ_TIME) $(BUILD)/fuzz/corpus
	$(BUILD)/fuzz/fuzz_extract -max_total_time=$(FUZZ_TIME) -max_len=65536 \
	    $(BUILD)/fuzz/pages

clean:
	rm -rf $(BUILD) t/servroot
