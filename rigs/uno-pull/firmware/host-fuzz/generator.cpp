#include "generator.h"
#include <stdio.h>
#include <string.h>
#include "codes.h"
#include "line_model.h"

bool generator_load(const char* path, FuzzData* data) {
  FILE* f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "host-fuzz: cannot read %s\n", path);
    return false;
  }
  char text[4096];
  while (fgets(text, sizeof text, f)) {
    char word[32], name[64];
    int minArgs, maxArgs;
    if (sscanf(text, "command %63s %d %d", name, &minArgs, &maxArgs) == 3) {
      data->commands.push_back(CommandShape{name, minArgs, maxArgs});
    } else if (sscanf(text, "setting %63s", name) == 1) {
      data->settings.push_back(name);
    } else if (sscanf(text, "%31s", word) == 1 && strcmp(word, "seed") == 0) {
      std::string bytes;
      const char* hex = text + 4;
      while (*hex == ' ') hex++;
      unsigned int b;
      while (sscanf(hex, "%2x", &b) == 1) {
        bytes += (char)b;
        hex += 2;
      }
      data->seeds.push_back(bytes);
    }
  }
  fclose(f);
  if (data->commands.empty() || data->settings.empty() || data->seeds.empty()) {
    fprintf(stderr, "host-fuzz: %s lacks commands, settings or seeds\n", path);
    return false;
  }
  return true;
}

uint64_t Prng::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Bytes that matter to the line assembler and the envelope (and to the receive interrupt: '?'
// anywhere, '!' and Ctrl-X as line bytes unless they are a line of their own).
static const char SPECIAL[] = " \t*#-.0123456789?!\r\x7f\x18";

std::string Generator::crc_suffix(const std::string& covered) {
  // The CRC covers the line as the firmware assembles it (realtime bytes and CR picked out).
  return line_model_crc_suffix(line_model_assembled(covered));
}

std::string Generator::seal(const std::string& covered) {
  std::string suffix = crc_suffix(covered);
  switch (rng_.below(20)) {
    case 0: {  // a wrong CRC
      char digits[8];
      snprintf(digits, sizeof digits, "*%04X", (unsigned)(rng_.next() & 0xFFFF));
      return covered + digits;
    }
    case 1: {  // lower-case hex
      for (char& c : suffix) c = (char)(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
      return covered + suffix;
    }
    case 2: return covered + suffix.substr(0, 1 + rng_.below(4));  // too short
    case 3: return covered + suffix + (char)('0' + rng_.below(10));  // too long
    case 4: return covered + "*";
    default: return covered + suffix;
  }
}

std::string Generator::id_prefix() {
  uint32_t roll = rng_.below(100);
  if (roll < 40) return "";
  // Small ids collide often, which exercises the recent-id memory.
  if (roll < 65) return "#" + std::to_string(1 + rng_.below(12)) + " ";
  if (roll < 85) return "#" + std::to_string(1 + rng_.below(65535)) + " ";
  static const std::vector<std::string> odd = {
      "#65535 ", "#1 ", "#0 ", "#65536 ", "#99999 ", "#100000 ", "#00042 ", "#000042 ", "#", "# ",
      "#-1 ", "#7", "#7\t", "#1a ", "#12  ", "##3 ", " #3 ", "#4294967297 ", "#3*"};
  return pick(odd);
}

std::string Generator::number() {
  uint32_t roll = rng_.below(100);
  if (roll < 45) {
    std::string text = (rng_.chance(10) ? "-" : "") + std::to_string(rng_.below(roll < 20 ? 10 : 1200));
    if (rng_.chance(40)) {
      text += ".";
      int decimals = 1 + (int)rng_.below(3);
      for (int i = 0; i < decimals; i++) text += (char)('0' + rng_.below(10));
    }
    return text;
  }
  if (roll < 75) {
    static const std::vector<std::string> edges = {
        "0", "1", "-1", "0.1", "0.099", "0.001", "0.01", "0.009", "2", "5", "5.001", "8", "9", "10", "49.999",
        "50", "50.001", "200", "200.001", "250", "250.001", "499.999", "500", "500.001", "1023", "1024", "1025",
        "600000", "600001", "999999999", "1000000000", "99999999.9", "9999999.99", "999999.999", "4294967296",
        "-2147483648", "2147483647", "-8388608", "8388607", "8388608", "-8388609", "19000101", "18991231",
        "99991231", "99991232", "49", "5000", "5001", "120", "120.01", "-0", "-0.000", "0.000", "1.000", "1.500"};
    return pick(edges);
  }
  static const std::vector<std::string> malformed = {
      "", "-", ".", "1.", ".5", "-.5", "1.2345", "1e3", "1E3", "0x10", "1,5", "+1", "--1", "1-", "1..2",
      "nan", "inf", "-inf", "NaN", "00000000001", "0000000000000.1", "12345678901234567890", "1.0000",
      "\xd9\xa1", "\xff", "1\x7f", "١٢", "9.9.9", "-", "0.", "00.000", "-00000000000000000000001"};
  if (roll < 95) return pick(malformed);
  std::string digits;
  size_t n = 9 + rng_.below(30);
  for (size_t i = 0; i < n; i++) digits += (char)('0' + rng_.below(10));
  if (rng_.chance(30)) digits.insert(1 + rng_.below((uint32_t)n - 1), ".");
  return digits;
}

std::string Generator::argument() {
  if (rng_.chance(85)) return number();
  std::string token;
  size_t n = 1 + rng_.below(12);
  for (size_t i = 0; i < n; i++) token += (char)(0x21 + rng_.below(0x5E));
  return token;
}

std::string Generator::command_line() {
  const CommandShape& command = data_.commands[rng_.below((uint32_t)data_.commands.size())];
  std::string name = command.name;
  uint32_t style = rng_.below(100);
  if (style < 15) {
    for (char& c : name) c = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  } else if (style < 25) {
    for (char& c : name) c = (char)(rng_.chance(50) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  } else if (style < 33) {
    static const std::vector<std::string> near = {"PIN", "PINGG", "P1NG", "SETTING", "VDROPS", "ISO2", "HOMEX",
                                                  "RESE", "XYZZY", "_", "STATUS?", "HE LP", "INFO\t", "PULL!"};
    name = pick(near);
  }
  int count = command.minArgs + (int)rng_.below((uint32_t)(command.maxArgs - command.minArgs + 1));
  if (rng_.chance(15)) count = (int)rng_.below(10);
  std::vector<std::string> args;
  for (int i = 0; i < count; i++) {
    if (command.name == "SET" && i == 0 && rng_.chance(85)) {
      std::string setting = pick(data_.settings);
      if (rng_.chance(20)) for (char& c : setting) c = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      args.push_back(setting);
    } else if (command.name == "SET" && i == 1 && rng_.chance(25)) {
      static const std::vector<std::string> ids = {"CB-UNO-0002", "A", "rig_1", "ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOP",
                                                   "bad.id", "x*y", "-", "_-_", "\xe9t\xe9"};
      args.push_back(pick(ids));
    } else {
      args.push_back(argument());
    }
  }
  std::string line = rng_.chance(5) ? " " : "";
  line += name;
  for (const std::string& arg : args) {
    uint32_t gap = rng_.below(100);
    line += gap < 85 ? " " : gap < 93 ? "   " : "\t";
    line += arg;
  }
  if (rng_.chance(5)) line += rng_.chance(50) ? " " : "\t";
  return line;
}

std::string Generator::random_bytes(size_t length) {
  std::string bytes;
  for (size_t i = 0; i < length; i++) {
    uint8_t b = (uint8_t)rng_.below(256);
    if (b == '\n') b = ' ';
    bytes += (char)b;
  }
  return bytes;
}

std::string Generator::mutate(std::string line) {
  int mutations = 1 + (int)rng_.below(4);
  for (int m = 0; m < mutations; m++) {
    size_t at = line.empty() ? 0 : rng_.below((uint32_t)line.size());
    switch (rng_.below(9)) {
      case 0:
        if (!line.empty()) line[at] = (char)(line[at] ^ (1 << rng_.below(8)));
        break;
      case 1:
        if (!line.empty()) line[at] = SPECIAL[rng_.below(sizeof SPECIAL - 1)];
        break;
      case 2: line.insert(at, 1, SPECIAL[rng_.below(sizeof SPECIAL - 1)]); break;
      case 3: line.insert(at, random_bytes(1 + rng_.below(3))); break;
      case 4:
        if (!line.empty()) line.erase(at, 1 + rng_.below(4));
        break;
      case 5:
        if (!line.empty()) line.insert(at, line.substr(rng_.below((uint32_t)line.size()), 1 + rng_.below(16)));
        break;
      case 6: {  // splice with another seed
        const std::string& other = pick(data_.seeds);
        line = line.substr(0, at) + other.substr(other.empty() ? 0 : rng_.below((uint32_t)other.size()));
        break;
      }
      case 7: line.resize(at); break;
      default: line.insert(at, 1, (char)0); break;
    }
  }
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  // Re-seal half the time, so that the mutation gets past the CRC check.
  size_t star = line.find('*');
  if (star != std::string::npos && rng_.chance(50)) line = line.substr(0, star) + crc_suffix(line.substr(0, star));
  return line;
}

// Situations of a few lines sharing one id, around the recent-id memory and the running operation
// (protocol.cpp): an operation is started (its line pipelined, so that a TARE, SPAN, VDROP or ISO
// still runs when the next line is read; a HOME or PULL off the home switch), then its id comes
// again with
//  - a read (PING, STATUS, RESULT, VDROP, ISO): it runs; it must not make the firmware forget the
//    operation's reply (the read did not start the operation), so a retry of the request is dup=1;
//  - another state-changing command: it runs and meets its interlocks (error:9), it is no copy; its
//    retry is answered from memory with that refusal, also under the id of a read's VDROP or ISO
//    (7758ecc: the refusal is remembered, the operation's reply is not), then the request's retry;
//  - the same command (a copy of the request): no reply (TARE, SPAN) or ok dup=1 (PULL, HOME), also
//    after 8 newer remembered replies have pushed the PULL's or HOME's ok out of the memory;
// and an empty line with an id ("#5 *CD08": ok, not remembered) before a state-changing line with
// the same id, which then runs.
void Generator::make_situation() {
  // An id the memory rarely holds yet (a remembered one is answered dup=1 and starts nothing).
  uint32_t number = 100 + rng_.below(65000);
  std::string id = "#" + std::to_string(number) + " ";
  static const std::vector<std::string> starts = {"TARE", "TARE", "SPAN 10", "SPAN 250", "HOME", "HOME", "PULL 5 1", "VDROP 1 1", "VDROP 2 0.5 4", "ISO 3"};
  static const std::vector<std::string> reads = {"PING", "STATUS", "RESULT", "INFO", "VDROP 1 1 2", "ISO 2", "TEMP", "XYZZY"};
  static const std::vector<std::string> changes = {"POLE 1", "POLE 0", "TARE", "SPAN 10", "HOME", "HEAT 0", "RESET", "SET slipLimitMm 0.5"};
  std::string start = pick(starts);
  bool releaseHome = (start == "HOME" || start == "PULL 5 1") && rng_.chance(70);
  std::vector<std::string> lines;
  switch (rng_.below(5)) {
    case 0: lines = {start, pick(reads), start}; break;                 // a read with the running operation's id, then a retry
    case 1: {                                                           // another command with that id (it runs), its retry, then the request's
      std::string change = pick(changes);
      lines = {start, change, change, start};
      break;
    }
    case 2: lines = {start, start, start}; break;                       // copies of the request
    case 3: {                                                           // a copy after the memory has moved on
      lines = {start == "PULL 5 1" ? start : "HOME"};
      releaseHome = rng_.chance(80);
      for (uint32_t i = 1; i <= LIMIT_RECENT_IDS; i++) lines.push_back("#" + std::to_string(number + i) + " POLE 1");
      lines.push_back(lines[0]);
      break;
    }
    default: lines = {"", pick(changes), "STATUS"}; break;              // an empty line with an id, then a request with it
  }
  // The first line goes in pipelined when it starts an operation (the empty line needs none), the
  // second half the time (so that the retry after it may meet the operation still running too).
  for (size_t i = 0; i < lines.size(); i++) {
    bool pipelined = i == 0 ? !lines[0].empty() : i == 1 && rng_.chance(50);
    std::string covered = lines[i].compare(0, 1, "#") == 0 ? lines[i] : id + lines[i];
    queued_.push_back(Queued{sealed(covered) + "\n", pipelined, i == 0 && releaseHome});
  }
}

std::string Generator::next_line() {
  pipelined_ = release_home_ = false;
  if (queued_.empty() && rng_.chance(2)) make_situation();
  if (!queued_.empty()) {
    last_ = queued_.front().line;
    pipelined_ = queued_.front().pipelined;
    release_home_ = queued_.front().releaseHome;
    queued_.erase(queued_.begin());
    return last_;
  }
  // A retry: the line before once more, as a host sends it when a reply is late. With the same id a
  // state-changing request is answered from the recent-id memory, or, while the operation it
  // started still runs (a pipelined TARE), not at all; a read runs again.
  if (!last_.empty() && rng_.chance(4)) return last_;
  last_ = new_line();
  return last_;
}

std::string Generator::new_line() {
  std::string line;
  if (rng_.chance(1)) {
    // The abort as a line of its own ('?' does not count), and near misses that are ordinary lines:
    // "!\r\n" is the line "!", "\x18\r\n" a line with a refused byte. ("\x18\n" would reboot.)
    static const std::vector<std::string> realtime = {"!\n", "!\n", "!\n", "?!\n", "!?\n", "?!?\n", "!\r\n", "\x18\r\n", "!!\n", "\x18!\n", "!\x18\n"};
    return pick(realtime);
  }
  uint32_t roll = rng_.below(100);
  if (roll < 8) {
    line = pick(data_.seeds);
  } else if (roll < 38) {
    line = mutate(pick(data_.seeds));
  } else if (roll < 75) {
    std::string covered = id_prefix() + command_line();
    line = rng_.chance(60) ? seal(covered) : covered;
  } else if (roll < 82) {
    line = random_bytes(rng_.below(90));
  } else if (roll < 90) {  // around the 64-character limit
    static const size_t lengths[] = {62, 63, 64, 65, 66, 100, 255, 256, 300};
    size_t target = lengths[rng_.below(9)];
    std::string covered = id_prefix() + command_line();
    line = seal(covered);
    if (line.size() < target) {
      covered += std::string(target - line.size(), rng_.chance(50) ? ' ' : 'X');
      line = seal(covered);
    }
  } else {  // a valid sealed command with one bit flipped (the CRC must catch it)
    line = seal(id_prefix() + command_line());
    if (!line.empty()) {
      size_t at = rng_.below((uint32_t)line.size());
      line[at] = (char)(line[at] ^ (1 << rng_.below(7)));
      if (line[at] == '\n') line[at] = '~';
    }
  }
  // Realtime bytes and CRs anywhere: '?' and CR are picked out and the line must not change; '!'
  // and Ctrl-X are line bytes there (at the line start too, with a byte other than '\n' after them).
  if (rng_.chance(4)) {
    uint32_t kind = rng_.below(100);
    line.insert(line.empty() ? 0 : rng_.below((uint32_t)line.size() + 1), 1, kind < 50 ? '?' : kind < 85 ? '!' : '\x18');
  }
  if (rng_.chance(3)) line.insert(line.empty() ? 0 : rng_.below((uint32_t)line.size() + 1), 1, '\r');
  line += rng_.chance(20) ? "\r\n" : "\n";
  if (line_model_realtime(line) == LINE_REBOOT) {  // Ctrl-X alone (with '?' around it): not sent
    for (char& c : line) c = c == '\x18' ? '~' : c;
  }
  return line;
}
