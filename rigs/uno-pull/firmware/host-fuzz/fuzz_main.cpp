// The seeded random driver: N host lines from the generator through one booted firmware, each
// checked by the session's oracle, with a wall-clock bound per line. On any failure (oracle,
// sanitizer report, abort, hang) the line is saved for replay and the exit code is non-zero.
//
//   fuzz --data FILE [--count N] [--seed S] [--out DIR] [--input-timeout-ms MS]
//        [--transcript FILE [--transcript-limit N]] [--replay FILE [--stall-bytes N | --pipelined N]] [--inject KIND@N]
//
// Last line of stdout: "host-fuzz: {json summary}".
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <string>
#include "generator.h"
#include "line_model.h"
#include "session.h"
#include "stubs/host_hw.h"

static const char* g_out_dir = ".";
static uint64_t g_seed = 1;
// The line being sent, kept in plain memory so that the crash and hang handlers can save it.
static char g_input[8192];
static size_t g_input_length;
static volatile uint64_t g_input_index;
static volatile uint64_t g_progress;
static uint64_t g_timeout_ms = 5000;
static volatile sig_atomic_t g_failed;

static double now_s() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void write_all(int fd, const char* text, size_t n) {
  while (n) {
    ssize_t w = write(fd, text, n);
    if (w <= 0) return;
    text += w;
    n -= (size_t)w;
  }
}

// Save the current line and say so; async-signal tolerant (no allocation, plain writes).
static void report_failure(const char* reason, const char* detail) {
  if (g_failed) return;
  g_failed = 1;
  char path[PATH_MAX], text[1024];
  snprintf(path, sizeof path, "%s/failure-input.bin", g_out_dir);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    write_all(fd, g_input, g_input_length);
    close(fd);
  }
  int n = snprintf(text, sizeof text,
                   "host-fuzz: FAIL %s at input #%llu (seed %llu)\n"
                   "host-fuzz: the line is saved in %s; replay it on a fresh firmware with --replay %s,\n"
                   "host-fuzz: or repeat the whole run up to it with --seed %llu --count %llu\n",
                   reason, (unsigned long long)g_input_index, (unsigned long long)g_seed, path, path,
                   (unsigned long long)g_seed, (unsigned long long)g_input_index);
  write_all(2, text, (size_t)n);
  if (detail) {
    write_all(2, "host-fuzz: ", 11);
    write_all(2, detail, strlen(detail));
    write_all(2, "\n", 1);
  }
}

static void on_sanitizer_death() { report_failure("sanitizer report (above)", nullptr); }

static void on_abort(int) {
  report_failure("abort (sanitizer report or assertion above)", nullptr);
  signal(SIGABRT, SIG_DFL);
  raise(SIGABRT);
}

static void on_tick(int) {
  static uint64_t seen = ~0ull, stuck_ms = 0;
  if (g_progress != seen) {
    seen = g_progress;
    stuck_ms = 0;
    return;
  }
  stuck_ms += 100;
  if (stuck_ms < g_timeout_ms) return;
  char detail[96];
  snprintf(detail, sizeof detail, "no progress for %llu ms of wall time on one line", (unsigned long long)stuck_ms);
  report_failure("hang", detail);
  _exit(3);
}

static void install_handlers() {
  __sanitizer_set_death_callback(on_sanitizer_death);
  signal(SIGABRT, on_abort);
  signal(SIGALRM, on_tick);
  struct itimerval tick = {{0, 100000}, {0, 100000}};
  setitimer(ITIMER_REAL, &tick, nullptr);
}

static void set_input(const std::string& line, uint64_t index) {
  g_input_length = line.size() < sizeof g_input ? line.size() : sizeof g_input;
  memcpy(g_input, line.data(), g_input_length);
  g_input_index = index;
  g_progress++;
}

#ifdef HOST_FUZZ_FAULTS
// Deliberate faults, to show that each kind of failure is caught and reported with its line.
static std::string g_inject;
static uint64_t g_inject_at;
static int g_filter_state;  // 0 line start, 1 dropping/corrupting this line, 2 other line, 3 done

// drop-reply: the next reply line never reaches the wire (a firmware that forgot to answer).
static int drop_reply(uint8_t b) {
  if (g_filter_state == 3) return b;
  if (g_filter_state == 0) g_filter_state = (b == 'o' || b == 'e' || b == '#') ? 1 : 2;
  bool keep = g_filter_state == 2;
  if (b == '\n') g_filter_state = g_filter_state == 1 ? 3 : 0;
  return keep ? b : -1;
}

// crc: one bit of the next device line flips on the way (the line check must refuse it).
static int corrupt_line(uint8_t b) {
  if (g_filter_state != 0) return b;
  g_filter_state = 3;
  return b ^ 0x02;
}

static void inject_before(uint64_t index) {
  if (g_inject.empty() || index != g_inject_at) return;
  if (g_inject == "drop-reply" || g_inject == "crc") {
    g_filter_state = 0;
    host_hw_tx_filter = g_inject == "crc" ? corrupt_line : drop_reply;
  } else if (g_inject == "asan") {  // a write one past a global array, as a firmware buffer overrun would be
    static char buffer[8];
    char* volatile cursor = buffer;
    volatile int past_end = 8;
    cursor[past_end] = 1;
  } else if (g_inject == "ubsan") {  // signed overflow
    volatile int big = INT_MAX;
    volatile int sum = big + 1;
    (void)sum;
  } else if (g_inject == "hang") {
    volatile bool forever = true;
    while (forever) {
    }
  }
}

static void inject_after() {
  if (g_filter_state == 3) host_hw_tx_filter = nullptr;
}
#else
static void inject_before(uint64_t) {}
static void inject_after() {}
#endif

// --stall-bytes N: the main loop reads nothing until the first N bytes of the file have arrived.
static size_t g_stall_bytes;
// --pipelined N: the first N lines of the file go in as soon as the one before was read, without
// waiting for the reply of a short operation (as the random driver sends some lines); the rest
// wait for every reply before them.
static uint64_t g_pipelined_lines;

static int replay(const char* path, Session& session) {
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "host-fuzz: cannot read %s\n", path);
    return 2;
  }
  std::string file;
  int c;
  while ((c = fgetc(f)) != EOF) file += (char)c;
  fclose(f);
  if (file.empty() || file.back() != '\n') file += '\n';
  // A Ctrl-X line ("\x18\n") reboots the firmware, which the host model cannot do: it is left out.
  // Ctrl-X anywhere else is an ordinary line byte and goes in.
  std::string stream;
  for (size_t start = 0; start < file.size();) {
    size_t end = file.find('\n', start) + 1;
    std::string line = file.substr(start, end - start);
    start = end;
    if (line_model_realtime(line) == LINE_REBOOT) printf("(left out: \"%s\", a reboot)\n", session_escape(line, false).c_str());
    else stream += line;
  }
  if (stream.empty()) {
    printf("host-fuzz: replayed 0 line(s): nothing but reboot lines\n");
    return 0;
  }
  if (g_stall_bytes) {
    set_input(stream, 1);
    bool ok = session.stream_stalled(stream, g_stall_bytes);
    printf("> %s\n(the main loop stalled for the first %zu bytes)\n%s", session_escape(stream, false).c_str(), g_stall_bytes,
           session.recent_output().c_str());
    if (!ok) report_failure("device line check", session.failure().c_str());
    return ok ? 0 : 1;
  }
  uint64_t index = 0;
  for (size_t start = 0; start < stream.size();) {
    size_t end = stream.find('\n', start) + 1;
    std::string line = stream.substr(start, end - start);
    start = end;
    set_input(line, ++index);
    bool pipelined = index <= g_pipelined_lines;
    bool ok = session.send(line, Delivery{0, pipelined});
    printf("> %s%s\n%s", session_escape(line, false).c_str(), pipelined ? "   (pipelined)" : "", session.recent_output().c_str());
    if (!ok) {
      report_failure("oracle", session.failure().c_str());
      return 1;
    }
  }
  if (session.waiting()) {
    size_t shown = session.recent_output().size();
    bool ok = session.settle();
    printf("%s", session.recent_output().substr(shown).c_str());
    if (!ok) {
      report_failure("oracle", session.failure().c_str());
      return 1;
    }
  }
  printf("host-fuzz: replayed %llu line(s), each answered once\n", (unsigned long long)index);
  return 0;
}

int main(int argc, char** argv) {
  const char* dataPath = nullptr;
  const char* transcriptPath = nullptr;
  const char* replayPath = nullptr;
  uint64_t count = 100000, transcriptLimit = ~0ull;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (!value) {
      fprintf(stderr, "host-fuzz: %s needs a value\n", arg.c_str());
      return 2;
    }
    i++;
    if (arg == "--data") dataPath = value;
    else if (arg == "--count") count = strtoull(value, nullptr, 10);
    else if (arg == "--seed") g_seed = strtoull(value, nullptr, 10);
    else if (arg == "--out") g_out_dir = value;
    else if (arg == "--input-timeout-ms") g_timeout_ms = strtoull(value, nullptr, 10);
    else if (arg == "--transcript") transcriptPath = value;
    else if (arg == "--transcript-limit") transcriptLimit = strtoull(value, nullptr, 10);
    else if (arg == "--replay") replayPath = value;
    else if (arg == "--stall-bytes") g_stall_bytes = strtoull(value, nullptr, 10);
    else if (arg == "--pipelined") g_pipelined_lines = strtoull(value, nullptr, 10);
#ifdef HOST_FUZZ_FAULTS
    else if (arg == "--inject") {
      std::string spec = value;
      size_t at = spec.find('@');
      g_inject = spec.substr(0, at);
      g_inject_at = at == std::string::npos ? 1 : strtoull(spec.c_str() + at + 1, nullptr, 10);
    }
#endif
    else {
      fprintf(stderr, "host-fuzz: unknown option %s\n", arg.c_str());
      return 2;
    }
  }
  install_handlers();
  Session session;
  if (!session.boot()) {
    report_failure("boot", session.failure().c_str());
    return 1;
  }
  if (replayPath) return replay(replayPath, session);
  FuzzData data;
  if (!dataPath || !generator_load(dataPath, &data)) {
    fprintf(stderr, "host-fuzz: --data FILE is required (run.ts writes it)\n");
    return 2;
  }
  FILE* transcript = nullptr;
  if (transcriptPath) {
    transcript = fopen(transcriptPath, "w");
    if (!transcript) {
      fprintf(stderr, "host-fuzz: cannot write %s: %s\n", transcriptPath, strerror(errno));
      return 2;
    }
    session.set_transcript(transcript, transcriptLimit);
  }

  Generator generator(data, g_seed);
  Prng& rng = generator.rng();
  int estopLines = 0, guardLines = 0;
  double started = now_s();
  bool passed = true;
  uint64_t index = 0;
  while (index < count) {
    // The inputs of the rig change now and then between lines: E-stop, guard, home switch.
    if (estopLines > 0 && --estopLines == 0) session.set_estop(false);
    if (guardLines > 0 && --guardLines == 0) session.set_guard(false);
    if (!estopLines && rng.below(1000) < 2) session.set_estop(true), estopLines = 1 + (int)rng.below(30);
    if (!guardLines && rng.below(1000) < 5) session.set_guard(true), guardLines = 1 + (int)rng.below(30);
    if (rng.below(1000) < 5) session.set_home(rng.chance(50));
    std::string line = generator.next_line();
    if (generator.release_home()) session.set_home(false);
    // Now and then the abort while a pipelined short operation runs: it must answer error:22.
    if (session.waiting() && rng.chance(15)) line = rng.chance(80) ? "!\n" : "?!\n";
    Delivery delivery = {(uint8_t)(rng.chance(50) ? 0 : 1 + rng.below(48)), rng.chance(10)};
    // The first line of a situation (generator.h) that needs its operation still running for the next.
    if (generator.pipelined()) delivery.pipelined = true;
    set_input(line, ++index);
    inject_before(index);
    bool ok = session.send(line, delivery);
    inject_after();
    if (!ok) {
      report_failure("oracle", session.failure().c_str());
      passed = false;
      break;
    }
  }
  if (passed && !session.settle()) {
    report_failure("oracle", session.failure().c_str());
    passed = false;
  }
  double seconds = now_s() - started;
  if (transcript) fclose(transcript);
  const SessionStats& s = session.stats();
  std::string errors;
  for (int code = 0; code < 256; code++) {
    if (!s.errorReplies[code]) continue;
    errors += (errors.empty() ? "\"" : ",\"") + std::to_string(code) + "\":" + std::to_string(s.errorReplies[code]);
  }
  printf("host-fuzz: {\"result\":\"%s\",\"seed\":%llu,\"inputs\":%llu,\"seconds\":%.2f,\"inputsPerSecond\":%.0f,"
         "\"lines\":%llu,\"replies\":%llu,\"abortLines\":%llu,\"silentCopies\":%llu,\"okReplies\":%llu,\"dupReplies\":%llu,\"longCopies\":%llu,"
         "\"deferredReplies\":%llu,"
         "\"pushes\":%llu,\"loopPasses\":%llu,\"bytes\":%llu,\"rigSeconds\":%.1f,\"errorReplies\":{%s}}\n",
         passed ? "pass" : "fail", (unsigned long long)g_seed, (unsigned long long)index, seconds,
         seconds > 0 ? (double)index / seconds : 0.0, (unsigned long long)s.lines, (unsigned long long)s.replies,
         (unsigned long long)s.abortLines, (unsigned long long)s.silentCopies, (unsigned long long)s.okReplies,
         (unsigned long long)s.dupReplies, (unsigned long long)s.longCopies, (unsigned long long)s.deferredReplies,
         (unsigned long long)s.pushes, (unsigned long long)s.passes, (unsigned long long)s.bytes,
         (double)host_hw_time_us / 1e6, errors.c_str());
  return passed ? 0 : 1;
}
