// Host lines for the random driver, from a deterministic PRNG: the request vectors as they are and
// mutated, commands built from the command table with good, edge and malformed arguments, ids and
// CRCs, random bytes, lines around the 64-character limit, CR/LF mixes, realtime bytes inside
// lines and abort lines ("!\n").
#ifndef GENERATOR_H
#define GENERATOR_H
#include <stdint.h>
#include <string>
#include <vector>

struct CommandShape {
  std::string name;
  int minArgs;
  int maxArgs;
};

// What the generator builds from: written by run.ts from firmware-protocol (vectors, command and
// settings tables), one item a line: "command NAME MIN MAX", "setting NAME", "seed HEXBYTES".
struct FuzzData {
  std::vector<CommandShape> commands;
  std::vector<std::string> settings;
  std::vector<std::string> seeds;
};

// Read a data file; false (with a message on stderr) when it cannot be read or is empty.
bool generator_load(const char* path, FuzzData* data);

// splitmix64
class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}
  uint64_t next();
  // 0..n-1
  uint32_t below(uint32_t n) { return (uint32_t)(next() % n); }
  // true with probability percent/100
  bool chance(uint32_t percent) { return below(100) < percent; }

 private:
  uint64_t state_;
};

class Generator {
 public:
  Generator(const FuzzData& data, uint64_t seed) : data_(data), rng_(seed) {}
  // One host line: its bytes and the terminator ("\n" or "\r\n"); never a reboot line ("\x18\n",
  // see line_model_realtime), which the host model cannot follow. Ctrl-X inside a line is fine.
  std::string next_line();
  // True when the line next_line() just returned opens a situation whose next line must meet its
  // operation running: send it without waiting for a short operation's reply.
  bool pipelined() const { return pipelined_; }
  // True when that line starts a HOME or PULL that should find the puller off the home switch (so
  // that it runs on while the next lines come): release the switch before sending it.
  bool release_home() const { return release_home_; }
  Prng& rng() { return rng_; }

 private:
  std::string new_line();
  void make_situation();
  std::string sealed(const std::string& covered) { return covered + crc_suffix(covered); }
  std::string command_line();
  std::string id_prefix();
  std::string argument();
  std::string number();
  std::string random_bytes(size_t length);
  std::string mutate(std::string line);
  std::string seal(const std::string& covered);
  std::string crc_suffix(const std::string& covered);
  std::string pick(const std::vector<std::string>& items) { return items[rng_.below((uint32_t)items.size())]; }

  const FuzzData& data_;
  Prng rng_;
  std::string last_;  // the line made before, sent again now and then (a retry)
  // Lines of a situation still to send (make_situation), each with its terminator; and whether the
  // line just returned is to go in pipelined.
  struct Queued {
    std::string line;
    bool pipelined;
    bool releaseHome;
  };
  std::vector<Queued> queued_;
  bool pipelined_ = false;
  bool release_home_ = false;
};
#endif
