#include "session.h"
#include <string.h>
#include "codes.h"
#include "line_model.h"
#include "stubs/host_hw.h"
#include "system.h"

// clampbench.ino
void setup();
void loop();

// Rig time: one loop pass, one byte at 115200 8N1, one HX711 conversion at 80 Hz.
static const uint64_t PASS_US = 100;
static const uint64_t BYTE_US = 87;
static const uint64_t CONVERSION_US = 12500;
// The slowest short operation (ISO on 8 poles, about 0.35 s) is well inside this.
static const uint64_t SETTLE_LIMIT_US = 3000000;
static const size_t BURST_BYTES_MAX = 48;  // below the 64-byte receive ring

// The oracle's looks into the firmware's dispatch. host-fuzz.ts links with
// -Wl,--wrap=_Z16commands_executetPKchPPcb, so protocol.cpp's call of commands_execute() (a line
// that passed the envelope, the recent-id memory and the running-operation check, and is now run)
// comes here first. It says whether the line read in this loop pass ran at all (a dup answer and
// a copy of the running operation's request do not), which device lines it sent while it ran,
// its command word, and the operation before and after it, which decide protocol.cpp's
// running_read_id and running_command (an operation started: none ran before, one runs after
// with the line's id).
struct Dispatch {
  int count;            // calls in this loop pass (protocol_poll() runs at most one line a pass)
  uint16_t id;
  std::string name;     // the command word (protocol.cpp upper-cased it)
  uint8_t opBefore;     // system_op() before the call
  uint8_t opAfter;      // system_op() after it
  uint16_t opIdAfter;   // system_op_id() after it
  size_t linesBefore;   // device lines completed in this pass before it ran
  size_t linesAfter;    // ... and when it returned
};
static Dispatch g_dispatch;

// And -Wl,--wrap=_Z13protocol_pollv: loop()'s call of protocol_poll() (the one place a line is read)
// comes here first, so the oracle knows the running operation as the line meets the recent-id
// memory and the running-operation check. An abort or the safety checks earlier in the same loop
// pass may have ended the operation the pass began with.
struct Poll {
  bool called;
  uint8_t op;           // system_op() as protocol_poll() began
  uint16_t opId;        // system_op_id()
  bool longOp;          // system_long_op(): PULL or HOME
  size_t linesBefore;   // device lines completed in this pass before it
};
static Poll g_poll;

static size_t captured_lines() {
  size_t lines = 0;
  for (size_t i = 0; i < host_hw_tx.length; i++) lines += host_hw_tx.bytes[i] == '\n';
  return lines;
}

extern "C" void __real__Z16commands_executetPKchPPcb(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany);
extern "C" void __wrap__Z16commands_executetPKchPPcb(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {
  g_dispatch.count++;
  g_dispatch.id = id;
  g_dispatch.name = name;
  g_dispatch.opBefore = system_op();
  g_dispatch.linesBefore = captured_lines();
  __real__Z16commands_executetPKchPPcb(id, name, argc, argv, tooMany);
  g_dispatch.opAfter = system_op();
  g_dispatch.opIdAfter = system_op_id();
  g_dispatch.linesAfter = captured_lines();
}

extern "C" void __real__Z13protocol_pollv();
extern "C" void __wrap__Z13protocol_pollv() {
  g_poll = Poll{true, system_op(), system_op_id(), system_long_op(), captured_lines()};
  __real__Z13protocol_pollv();
}

std::string session_escape(const std::string& bytes, bool json) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    bool plain = b >= 0x20 && b < 0x7F && b != '\\' && !(json && b == '"');
    if (plain) {
      out += (char)b;
    } else if (json) {
      out += "\\u00";
      out += hex[b >> 4];
      out += hex[b & 15];
    } else if (b == '\\') {
      out += "\\\\";
    } else {
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 15];
    }
  }
  return out;
}

int Session::Memory::find(uint16_t id) const {
  // Newest answer first: an id can be in two slots (a retry told BUSY while its request ran, then
  // the request's own answer); PROTOCOL.md 1.2 wants the retry to learn the outcome.
  for (int back = 1; back <= LIMIT_RECENT_IDS; back++) {
    int i = (next + LIMIT_RECENT_IDS - back) % LIMIT_RECENT_IDS;
    if (ids[i] == id) return i;
  }
  return -1;
}

void Session::Memory::remember(uint16_t id, uint8_t code) {
  if (!id) return;
  ids[next] = id;
  codes[next] = code;
  next = (uint8_t)((next + 1) % LIMIT_RECENT_IDS);
}

bool Session::Memory::offer(uint16_t id, uint8_t code, bool executing) {
  if (!id) return false;
  // The reply of the VDROP or ISO a read started comes when the operation ends (or is cancelled),
  // outside any line's execution: not remembered. A line run under that id while the operation
  // runs (a state-changing one, refused: error:9) answers for itself and is remembered (7758ecc).
  if (id == runningReadId && !executing) {
    runningReadId = 0;
    return true;
  }
  remember(id, code);
  return false;
}

bool Session::fail(const std::string& why) {
  failure_ = why;
  return false;
}

bool Session::boot() {
  host_hw_set_loadcell_ready(false);
  host_hw_sei();  // the Arduino core's init() enables interrupts before setup()
  setup();
  std::vector<Reply> replies;
  if (!collect_output(&replies)) return false;
  if (!replies.empty()) return fail("a reply before any request: " + replies[0].text);
  if (recent_output_.compare(0, 11, "clampbench ") != 0) return fail("the first device line is not the banner: " + session_escape(recent_output_, false));
  return true;
}

void Session::set_estop(bool pressed) { host_hw_set_estop(pressed); }
void Session::set_guard(bool open) { host_hw_set_guard(open); }
void Session::set_home(bool atHome) { host_hw_set_home(atHome); }

bool Session::send(const std::string& line, Delivery delivery) {
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1) return fail("driver bug: a line must end with its only '\\n'");
  LineRealtime realtime = line_model_realtime(line);
  if (realtime == LINE_REBOOT) return fail("driver bug: Ctrl-X as a line of its own reboots the firmware and is not sent");
  recent_output_.clear();
  if (realtime == LINE_ORDINARY) {
    LineExpectation expect = line_model_expect(line_model_assembled(line));
    pending_.push_back(Pending{line, expect.id, expect.code, expect.envelopeError, expect.rid, expect.changesState, expect.command, false, 0});
  } else {
    stats_.abortLines++;  // no reply of its own: the running operation ends (its reply or DONE), else [MSG:aborted]
  }
  size_t burst = delivery.chunkBytes ? delivery.chunkBytes : BURST_BYTES_MAX;
  if (burst > BURST_BYTES_MAX) burst = BURST_BYTES_MAX;
  for (size_t at = 0; at < line.size(); at += burst) {
    size_t end = at + burst < line.size() ? at + burst : line.size();
    for (size_t i = at; i < end; i++) {
      host_hw_receive((uint8_t)line[i]);
      host_hw_time_us += BYTE_US;
      stats_.bytes++;
    }
    if (end == line.size()) {
      // protocol_poll() reads through the newline in the next pass
      if (realtime == LINE_ORDINARY) {
        pending_.back().read = true;
        pending_.back().readPass = stats_.passes + 1;
      }
      stats_.lines++;
    }
    if (!pass()) return false;
  }
  return delivery.pipelined ? true : settle();
}

bool Session::settle() {
  uint64_t start = host_hw_time_us;
  while (!pending_.empty()) {
    if (host_hw_time_us - start > SETTLE_LIMIT_US) {
      return fail("no reply within 3 s of rig time to \"" + session_escape(pending_[0].sent, false) + "\"");
    }
    if (!pass()) return false;
  }
  return true;
}

bool Session::stream_stalled(const std::string& bytes, size_t stalledBytes) {
  recent_output_.clear();
  for (size_t i = 0; i < bytes.size(); i++) {
    host_hw_receive((uint8_t)bytes[i]);
    host_hw_time_us += BYTE_US;
    stats_.bytes++;
    if (i + 1 < stalledBytes) continue;
    if (!raw_pass()) return false;
  }
  for (int i = 0; i < 1000; i++) {
    if (!raw_pass()) return false;
  }
  return true;
}

bool Session::raw_pass() {
  g_dispatch = Dispatch{};
  g_poll = Poll{};
  stats_.passes++;
  loop();
  host_hw_time_us += PASS_US;
  std::vector<Reply> replies;
  return collect_output(&replies);
}

bool Session::pass() {
  if (host_hw_time_us >= next_conversion_us_) {
    host_hw_set_loadcell_ready(true);
    next_conversion_us_ = host_hw_time_us + CONVERSION_US;
  }
  g_dispatch = Dispatch{};
  g_poll = Poll{};
  stats_.passes++;
  loop();
  host_hw_set_loadcell_ready(false);  // loadcell_poll() read the conversion in that pass
  host_hw_time_us += PASS_US;
  std::vector<Reply> replies;
  if (!collect_output(&replies)) return false;
  if (g_dispatch.count > 1) return fail("more than one line ran in one loop pass");
  return assign(replies);
}

bool Session::collect_output(std::vector<Reply>* replies) {
  if (host_hw_tx.overflowed) return fail("more than 64 KiB of output in one loop pass");
  partial_output_.append(host_hw_tx.bytes, host_hw_tx.length);
  host_hw_tx.length = 0;
  size_t start = 0, newline, seq = 0;
  while ((newline = partial_output_.find('\n', start)) != std::string::npos) {
    std::string line = partial_output_.substr(start, newline - start);
    start = newline + 1;
    recent_output_ += line + "\n";
    Reply reply;
    bool isReply = false;
    if (!check_device_line(line, &reply, &isReply)) return false;
    reply.seq = seq++;
    if (isReply) replies->push_back(reply);
    else stats_.pushes++;
  }
  partial_output_.erase(0, start);
  return true;
}

static bool plain_number(const std::string& value) {
  size_t i = value[0] == '-' ? 1 : 0, digits = 0;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') i++, digits++;
  if (!digits) return false;
  if (i == value.size()) return true;
  if (value[i++] != '.' || i == value.size()) return false;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') i++;
  return i == value.size();
}

// `key=value` fields separated by single spaces (PROTOCOL.md 2); every value is a plain decimal
// number except those of the keys whose value is text.
static bool fields_well_formed(const std::string& text) {
  static const char* const TEXT_KEYS[] = {"fw", "proto", "rig", "rigId", "board", "caps", "state", "alarms", "map", "shorts", "result", "op", "range"};
  if (text.empty()) return true;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(' ', start);
    std::string field = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t eq = field.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == field.size()) return false;
    if (!((field[0] >= 'A' && field[0] <= 'Z') || (field[0] >= 'a' && field[0] <= 'z'))) return false;
    for (size_t i = 1; i < eq; i++) {
      char c = field[i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    bool textKey = false;
    for (const char* k : TEXT_KEYS) textKey = textKey || key == k;
    if (!textKey && !plain_number(value)) return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

// "S n tMs forceN posMm" (PROTOCOL.md 3.4).
static bool sample_well_formed(const std::string& body) {
  size_t start = 2, count = 0;
  for (;;) {
    size_t end = body.find(' ', start);
    std::string value = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (value.empty() || !plain_number(value)) return false;
    count++;
    if (end == std::string::npos) return count == 4;
    start = end + 1;
  }
}

static bool starts_with(const std::string& s, const char* prefix) { return s.compare(0, strlen(prefix), prefix) == 0; }

bool Session::check_device_line(const std::string& line, Reply* reply, bool* isReply) {
  std::string shown = "\"" + session_escape(line, false) + "\"";
  if (line.size() > LIMIT_DEVICE_LINE_MAX_CHARS) return fail("device line longer than 255 characters: " + shown);
  for (unsigned char b : line) {
    if (b < 0x20 || b >= 0x7F) return fail("device line with a byte outside printable ASCII: " + shown);
  }
  if (line.size() < 5 || line[line.size() - 5] != '*') return fail("device line without *CRC: " + shown);
  std::string body = line.substr(0, line.size() - 5);
  if (line_model_crc_suffix(body) != line.substr(line.size() - 5)) return fail("device line with a wrong CRC: " + shown);
  uint16_t id = 0;
  std::string rest = body;
  if (starts_with(body, "#")) {
    size_t digits = 0;
    uint32_t value = 0;
    while (1 + digits < body.size() && body[1 + digits] >= '0' && body[1 + digits] <= '9' && digits < 6) {
      value = value * 10 + (uint32_t)(body[1 + digits] - '0');
      digits++;
    }
    if (digits < 1 || digits > 5 || body[1] == '0' || value > 65535 || 1 + digits >= body.size() || body[1 + digits] != ' ') {
      return fail("device line with a malformed id: " + shown);
    }
    id = (uint16_t)value;
    rest = body.substr(digits + 2);
  }
  if (rest == "ok" || starts_with(rest, "ok ")) {
    std::string fields = rest.size() > 2 ? rest.substr(3) : "";
    if (!fields_well_formed(fields)) return fail("reply with malformed fields: " + shown);
    bool dup = fields.find("dup=") != std::string::npos;
    if (dup && fields != "dup=1") return fail("dup reply with other fields: " + shown);
    // RESULT (no operation running): the last DONE line from its operation's name on, whole (the
    // firmware keeps REPORT_LAST_DONE_CHARS of it): "op=<name> opId=<id> running=0<the rest>".
    if (starts_with(fields, "op=") && fields.find(" running=0") != std::string::npos) {
      size_t space = last_done_.find(' ');
      std::string name = last_done_.empty() ? "-" : last_done_.substr(0, space);
      std::string rest = space == std::string::npos ? "" : last_done_.substr(space);
      size_t opId = fields.find(" opId=");
      size_t running = fields.find(" running=0");
      bool same = opId != std::string::npos && fields.substr(3, opId - 3) == name && running > opId &&
                  plain_number(fields.substr(opId + 6, running - opId - 6)) && fields.substr(running + 10) == rest;
      if (!same) return fail("RESULT does not repeat the last DONE line (\"DONE:" + session_escape(last_done_, false) + "\"): " + shown);
    }
    *reply = Reply{line, id, true, 0, dup, 0, 0};
    *isReply = true;
    return true;
  }
  if (starts_with(rest, "error:")) {
    size_t digits = 0;
    int code = 0;
    while (6 + digits < rest.size() && rest[6 + digits] >= '0' && rest[6 + digits] <= '9' && digits < 4) code = code * 10 + (rest[6 + digits++] - '0');
    std::string after = rest.substr(6 + digits);
    // " rid=<1..65535>" (no leading zero): only without an id, on a line refused before its id was trusted.
    uint32_t rid = 0;
    if (!id && starts_with(after, " rid=") && after.size() > 5 && after.size() <= 10 && after[5] != '0') {
      size_t i = 5;
      while (i < after.size() && after[i] >= '0' && after[i] <= '9') rid = rid * 10 + (uint32_t)(after[i++] - '0');
      if (i != after.size() || rid > 65535) rid = 0;
      else after = "";
    }
    if (digits < 1 || digits > 3 || rest[6] == '0' || code > 255 || (after != "" && after != " dup=1")) return fail("malformed error reply: " + shown);
    *reply = Reply{line, id, false, code, after == " dup=1", (uint16_t)rid, 0};
    *isReply = true;
    return true;
  }
  if (id) return fail("a push message with an id: " + shown);
  *isReply = false;
  bool known = (starts_with(rest, "<") && rest.back() == '>' && fields_well_formed(rest.substr(1, rest.size() - 2))) ||
               (starts_with(rest, "ALARM:")) || (starts_with(rest, "[MSG:") && rest.back() == ']') ||
               (starts_with(rest, "S ") && sample_well_formed(rest)) || starts_with(rest, "DONE:") || starts_with(rest, "clampbench ");
  if (!known) return fail("device line of no known kind: " + shown);
  if (starts_with(rest, "DONE:")) last_done_ = rest.substr(5);
  if (starts_with(rest, "ALARM:") || starts_with(rest, "DONE:")) {
    size_t space = rest.find(' ');
    if (space != std::string::npos && !fields_well_formed(rest.substr(space + 1))) return fail("push message with malformed fields: " + shown);
  }
  return true;
}

bool Session::reply_fits(const Pending& line, const Reply& reply, const Memory& memory, bool copyOfLong, std::string* why) const {
  bool immediate = line.readPass == stats_.passes;
  std::string expected;
  if (reply.id != line.id) {
    *why = "reply carries id " + std::to_string(reply.id) + ", the line " + (line.id ? "id " + std::to_string(line.id) : "no id");
    return false;
  }
  if (line.envelopeError) {
    if (immediate && !reply.dup && !reply.ok && reply.code == line.code && reply.rid == line.rid) return true;
    *why = "expected error:" + std::to_string(line.code) + (line.rid ? " rid=" + std::to_string(line.rid) : std::string()) +
           " at once (the envelope decides it)";
    return false;
  }
  if (reply.rid) {
    *why = "rid=" + std::to_string(reply.rid) + " on the reply to a line the envelope accepted";
    return false;
  }
  // Only a state-changing line is looked up in the memory (protocol 2.0): a read runs under any id.
  int remembered = line.id && line.changesState ? memory.find(line.id) : -1;
  if (immediate && remembered >= 0) {
    int code = memory.codes[remembered];
    if (reply.dup && (code == 0 ? reply.ok : (!reply.ok && reply.code == code))) return true;
    *why = "id " + std::to_string(line.id) + " was answered " + (code ? "error:" + std::to_string(code) : "ok") + " recently: expected that with dup=1";
    return false;
  }
  // A copy of the request that started the running PULL or HOME: accepted with ok, which may have
  // left the memory since; the copy is told so again.
  if (copyOfLong) {
    if (immediate && reply.dup && reply.ok) return true;
    *why = "a copy of the request that started the running " + line.command + " (id " + std::to_string(line.id) + "): expected ok dup=1 at once";
    return false;
  }
  if (reply.dup) {
    *why = line.changesState ? "dup=1 although id " + std::to_string(line.id) + " is not among the recent ones, nor a copy of the running operation's request"
                             : "dup=1 to a line whose command does not change state (a read runs under any id)";
    return false;
  }
  if (line.code >= 0 && !(immediate && (line.code == 0 ? reply.ok : (!reply.ok && reply.code == line.code)))) {
    *why = "expected " + (line.code ? "error:" + std::to_string(line.code) : std::string("ok")) + " at once";
    return false;
  }
  return true;
}

bool Session::may_stay_unanswered(const Pending& line) const {
  if (!line.read) return true;
  // Only a short operation answers after the pass that read its line (PROTOCOL.md 2.1).
  return system_short_op() && system_op_id() == line.id && !line.envelopeError && line.code < 0;
}

bool Session::try_assign(const std::vector<Reply>& replies, const std::vector<int>& target, Memory* memory, std::vector<int>* silent,
                         bool* longCopy, std::string* why) {
  // The line protocol_poll() read in this pass, if one, and whether it ran (Dispatch).
  int readNow = -1;
  for (size_t i = 0; i < pending_.size(); i++) {
    if (pending_[i].read && pending_[i].readPass == stats_.passes) readNow = (int)i;
  }
  const Dispatch& dispatch = g_dispatch;
  bool ran = dispatch.count == 1;
  if (ran) {
    if (readNow < 0) {
      *why = "a command ran in a loop pass that read no line";
      return false;
    }
    const Pending& line = pending_[(size_t)readNow];
    if (line.envelopeError || line.code >= 0) {
      *why = "the line ran as a command although the envelope decides its reply";
      return false;
    }
    if (dispatch.id != line.id) {
      *why = "the line ran with id " + std::to_string(dispatch.id) + " instead of " + std::to_string(line.id);
      return false;
    }
    if (dispatch.name != line.command) {
      *why = "the line ran as command " + dispatch.name + " instead of " + line.command;
      return false;
    }
  }
  if (readNow >= 0 && !g_poll.called) {
    *why = "a line was read in a loop pass without protocol_poll()";
    return false;
  }
  // protocol.cpp: read_id is the id of a read while it runs (its reply is never remembered). A line
  // with an id that started an operation (none ran before it, one runs after it with its id) sets
  // running_command to its command ("" for a read) and, a read, running_read_id to its id.
  bool ranRead = ran && !pending_[(size_t)readNow].changesState;
  // The line started an operation: none ran before it, one runs after it with its id.
  bool startedOp = ran && dispatch.opBefore == OP_NONE && dispatch.opAfter != OP_NONE && dispatch.opIdAfter == dispatch.id;
  bool applied = false;
  auto after_dispatch = [&]() {
    if (applied) return;
    applied = true;
    if (!startedOp || !dispatch.id) return;
    if (ranRead) memory->runningReadId = dispatch.id;
    memory->runningCommand = ranRead ? std::string() : dispatch.name;
  };
  // The line read in this pass as it meets the memory and the running-operation check (protocol.cpp,
  // the replies before protocol_poll() already in the memory): a state-changing line with an id
  // that is not remembered, with the running operation's id and the command that started it, is a
  // copy of that request; it does not run, and gets "ok dup=1" (PULL, HOME) or no reply (TARE, SPAN).
  enum { NOT_A_COPY, COPY_OF_SHORT, COPY_OF_LONG } copy = NOT_A_COPY;
  bool looked = false;
  auto look_up = [&]() {
    if (looked || readNow < 0) return;
    looked = true;
    const Pending& line = pending_[(size_t)readNow];
    if (line.envelopeError || line.code >= 0 || !line.changesState || !line.id) return;
    if (memory->find(line.id) >= 0) return;
    if (g_poll.op == OP_NONE || g_poll.opId != line.id || memory->runningCommand != line.command) return;
    copy = g_poll.longOp ? COPY_OF_LONG : COPY_OF_SHORT;
  };
  for (size_t k = 0; k < replies.size(); k++) {
    const Pending& line = pending_[(size_t)target[k]];
    if (!line.read) {
      *why = "a reply before the line was complete";
      return false;
    }
    if (replies[k].seq >= g_poll.linesBefore) look_up();
    if (ran && replies[k].seq >= dispatch.linesAfter) after_dispatch();
    bool isReadNow = target[k] == readNow;
    if (!reply_fits(line, replies[k], *memory, isReadNow && copy == COPY_OF_LONG, why)) return false;
    // protocol.cpp's `executing`: a reply sent while the line read in this pass ran (inside
    // commands_execute()) is that line's own, whatever its id; a line that ran answers nowhere else,
    // but for the reply of the short operation it started (after it returned).
    bool duringExec = ran && replies[k].seq >= dispatch.linesBefore && replies[k].seq < dispatch.linesAfter;
    if (duringExec && !isReadNow) {
      *why = "a reply to another line while the line read in this pass ran";
      return false;
    }
    if (ran && isReadNow && !duringExec && !(startedOp && replies[k].seq >= dispatch.linesAfter)) {
      *why = "a reply to the line read in this pass outside its execution, although it started no operation";
      return false;
    }
    bool duringRead = ranRead && duringExec;
    if (ran && replies[k].dup && isReadNow) {
      *why = "the line ran although it was answered from the recent-id memory";
      return false;
    }
    if (isReadNow && copy == COPY_OF_SHORT) {
      *why = "a copy of the request that started the running " + line.command + " (id " + std::to_string(line.id) + ") was answered";
      return false;
    }
    // An empty line (the envelope decides "ok") reads nothing: protocol.cpp answers it as a read.
    bool emptyLine = !line.envelopeError && line.code == 0;
    if (!replies[k].dup && !duringRead && !emptyLine) {
      bool readOpReply = memory->offer(replies[k].id, (uint8_t)(replies[k].ok ? 0 : replies[k].code), duringExec);
      // Sent outside any line's execution under the id of the read that started the running
      // operation: that operation's reply, which belongs to the read.
      bool read = !line.changesState && line.code < 0 && !line.envelopeError;
      if (readOpReply && !read) {
        *why = "the reply of the operation a read with id " + std::to_string(line.id) + " started went to a line that is not a read";
        return false;
      }
    }
  }
  look_up();
  if (ran) after_dispatch();
  if (ran && copy != NOT_A_COPY) {
    *why = "\"" + session_escape(pending_[(size_t)readNow].sent, false) + "\" ran, although it is a copy of the request that started the running " +
           pending_[(size_t)readNow].command;
    return false;
  }
  // A line the command decides that did not run: answered from the memory (a state-changing line
  // with a remembered id, or a copy of the request that started the running PULL or HOME), or a
  // copy of the request that started the running TARE or SPAN: no reply at all, the operation's
  // one reply belongs to the request that started it.
  if (readNow >= 0 && !ran) {
    const Pending& line = pending_[(size_t)readNow];
    bool answered = false, answeredDup = false;
    for (size_t k = 0; k < replies.size(); k++) {
      if (target[k] != readNow) continue;
      answered = true;
      answeredDup = replies[k].dup;
    }
    if (!line.envelopeError && line.code < 0 && !answeredDup) {
      if (copy != COPY_OF_SHORT) {
        *why = "\"" + session_escape(line.sent, false) + "\" never ran" +
               (line.changesState && line.id ? ", and it is neither remembered nor a copy of the request that started the running operation" : "") +
               (answered ? " but was answered" : "");
        return false;
      }
      silent->push_back(readNow);
    }
  }
  if (readNow >= 0 && copy == COPY_OF_LONG) *longCopy = true;
  int unanswered = 0;
  for (size_t i = 0; i < pending_.size(); i++) {
    bool answered = false;
    for (int t : target) answered = answered || t == (int)i;
    for (int t : *silent) answered = answered || t == (int)i;
    if (answered || !pending_[i].read) continue;
    // A command that ran either answered in this pass or started the operation that will answer it.
    if ((int)i == readNow && ran && !startedOp) {
      *why = "no reply to \"" + session_escape(pending_[i].sent, false) + "\", which ran and started no operation";
      return false;
    }
    unanswered++;
    if (!may_stay_unanswered(pending_[i]) || unanswered > 1) {
      *why = "no reply to \"" + session_escape(pending_[i].sent, false) + "\" and no short operation of it running";
      return false;
    }
  }
  return true;
}

bool Session::assign(const std::vector<Reply>& replies) {
  size_t n = pending_.size(), k = replies.size();
  if (k > n) return fail("more replies than lines sent: " + session_escape(recent_output_, false));
  // Every injective map of this pass's replies onto the pending lines (at most two of each).
  std::vector<int> target(k, 0);
  std::string firstWhy;
  for (;;) {
    bool distinct = true;
    for (size_t a = 0; a < k; a++) {
      for (size_t b = a + 1; b < k; b++) distinct = distinct && target[a] != target[b];
    }
    if (distinct) {
      Memory memory = memory_;
      std::vector<int> silent;
      bool longCopy = false;
      std::string why;
      if (try_assign(replies, target, &memory, &silent, &longCopy, &why)) {
        memory_ = memory;
        stats_.silentCopies += silent.size();
        stats_.longCopies += longCopy;
        for (size_t i = 0; i < k; i++) record(pending_[(size_t)target[i]], replies[i], pending_[(size_t)target[i]].readPass != stats_.passes);
        std::vector<Pending> left;
        for (size_t i = 0; i < n; i++) {
          bool answered = false;
          for (int t : target) answered = answered || t == (int)i;
          for (int t : silent) answered = answered || t == (int)i;
          if (!answered) left.push_back(pending_[i]);
        }
        pending_.swap(left);
        return true;
      }
      if (firstWhy.empty()) firstWhy = why;
    }
    size_t digit = 0;
    while (digit < k && ++target[digit] == (int)n) target[digit++] = 0;
    if (digit == k) break;
  }
  std::string lines;
  for (const Pending& p : pending_) lines += " \"" + session_escape(p.sent, false) + "\"";
  return fail(firstWhy + " (lines waiting:" + lines + "; device output: \"" + session_escape(recent_output_, false) + "\")");
}

void Session::record(const Pending& line, const Reply& reply, bool deferred) {
  stats_.replies++;
  if (reply.dup) stats_.dupReplies++;
  if (deferred) stats_.deferredReplies++;
  if (reply.ok) stats_.okReplies++;
  else stats_.errorReplies[reply.code & 0xFF]++;
  if (transcript_ && transcript_lines_ < transcript_limit_) {
    transcript_lines_++;
    std::string sent = line.sent.substr(0, line.sent.size() - 1);
    fprintf(transcript_, "{\"send\":\"%s\",\"reply\":\"%s\",\"deferred\":%s}\n", session_escape(sent, true).c_str(),
            session_escape(reply.text, true).c_str(), deferred ? "true" : "false");
  }
}
