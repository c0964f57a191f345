// The real firmware (setup() and loop() of clampbench.ino) on the host_hw model, driven one host
// line at a time, and the oracle: every host line gets exactly one reply (ok / error:N) carrying
// its id, except an abort line ("!\n") and a copy of the request whose short operation runs
// (protocol 2.0), which get none; every device line is well formed with a correct CRC, and nothing
// else is sent.
#ifndef SESSION_H
#define SESSION_H
#include <stdint.h>
#include <stdio.h>
#include <string>
#include <vector>
#include "codes.h"

struct SessionStats {
  uint64_t lines;       // host lines whose newline the firmware read (abort lines included)
  uint64_t replies;     // ok / error:N lines
  uint64_t abortLines;  // "!\n" lines: taken by the receive interrupt, no reply
  uint64_t silentCopies;  // copies of the request that started the running short operation: no reply
  uint64_t dupReplies;  // replies answered from the recent-id memory, or "ok dup=1" to a copy of a running PULL/HOME
  uint64_t longCopies;  // of those: copies of the request that started the running PULL or HOME
  uint64_t deferredReplies;  // replies of short operations, in a later loop pass than the request
  uint64_t okReplies;
  uint64_t errorReplies[256];
  uint64_t pushes;
  uint64_t passes;      // loop() calls
  uint64_t bytes;       // bytes received
};

// How one line reaches the firmware.
struct Delivery {
  // Bytes per receive burst (1..48) between loop passes; 0 = the whole line in bursts of 48.
  uint8_t chunkBytes;
  // Return as soon as the line was read, even if a short operation will answer it later.
  bool pipelined;
};

class Session {
 public:
  // Boot: setup(), then the banner must be the first line.
  bool boot();
  // Send one host line (its bytes including the terminating '\n') and check its reply.
  bool send(const std::string& line, Delivery delivery);
  // Run the loop until every line has been answered.
  bool settle();
  // True while a line sent pipelined still waits for its reply (its short operation runs).
  bool waiting() const { return !pending_.empty(); }
  // Receive a byte stream with the main loop stalled for its first stalledBytes bytes (as during a
  // long EEPROM write), then one loop pass per byte and 0.1 s more. Only the form of the device
  // lines is checked: once the receive ring overflows, which line a reply belongs to is the question.
  bool stream_stalled(const std::string& bytes, size_t stalledBytes);
  // Environment: the E-stop, guard and home inputs.
  void set_estop(bool pressed);
  void set_guard(bool open);
  void set_home(bool atHome);
  // Why the last call returned false.
  const std::string& failure() const { return failure_; }
  const SessionStats& stats() const { return stats_; }
  // Device lines of the line being sent (for failure reports).
  const std::string& recent_output() const { return recent_output_; }
  // Write one JSON object per answered line ({"send":…,"reply":…,"deferred":…}) here, up to limit lines.
  void set_transcript(FILE* out, uint64_t limit) { transcript_ = out; transcript_limit_ = limit; }

 private:
  struct Pending {
    std::string sent;
    uint16_t id;
    int code;
    bool envelopeError;
    uint16_t rid;            // envelope errors: the rid= the reply must name (0 = none)
    bool changesState;       // its command changes state (LineExpectation::changesState)
    std::string command;     // LineExpectation::command
    bool read;               // the firmware has read its newline
    uint64_t readPass;
  };
  struct Reply {
    std::string text;
    uint16_t id;
    bool ok;
    int code;
    bool dup;
    uint16_t rid;  // "error:N rid=<id>" of a line refused before its id could be trusted
    size_t seq;    // its place among the device lines completed in this loop pass
  };
  struct Memory {  // the firmware's recent-id memory as the replies show it (PROTOCOL.md 1.4)
    uint16_t ids[LIMIT_RECENT_IDS];
    uint8_t codes[LIMIT_RECENT_IDS];
    uint8_t next;
    // protocol.cpp's running_read_id: the id of a read that started an operation (none ran before
    // it; VDROP or ISO, with its id). The operation's reply, the first reply with that id sent
    // outside a line's execution (the operation ending in its poll, or cancelled), is not
    // remembered and clears it; a line run under that id meanwhile answers for itself (7758ecc).
    uint16_t runningReadId;
    // protocol.cpp's running_command: the command word of the state-changing line with an id that
    // last started an operation from idle, "" when a read did. Kept after the operation ends (the
    // firmware compares it only while an operation with the line's id runs).
    std::string runningCommand;
    int find(uint16_t id) const;
    void remember(uint16_t id, uint8_t code);
    // protocol_remember(): a reply that is not a read's own (read_id) nor an empty line's; executing:
    // it was sent while the line read in this pass ran (inside commands_execute()). True when it
    // was the reply of the operation a read started (not remembered, runningReadId cleared).
    bool offer(uint16_t id, uint8_t code, bool executing);
  };

  bool pass();
  bool raw_pass();
  bool collect_output(std::vector<Reply>* replies);
  bool check_device_line(const std::string& line, Reply* reply, bool* isReply);
  bool assign(const std::vector<Reply>& replies);
  bool try_assign(const std::vector<Reply>& replies, const std::vector<int>& target, Memory* memory, std::vector<int>* silent,
                  bool* longCopy, std::string* why);
  // copyOfLong: the line is a copy of the request that started the running PULL or HOME (its reply
  // is "ok dup=1", whatever the memory holds).
  bool reply_fits(const Pending& line, const Reply& reply, const Memory& memory, bool copyOfLong, std::string* why) const;
  bool may_stay_unanswered(const Pending& line) const;
  bool fail(const std::string& why);
  void record(const Pending& line, const Reply& reply, bool deferred);

  std::vector<Pending> pending_;
  Memory memory_ = {};
  std::string last_done_;  // the last DONE push, "DONE:" and CRC left out (what RESULT repeats)
  SessionStats stats_ = {};
  std::string partial_output_;
  std::string recent_output_;
  std::string failure_;
  uint64_t next_conversion_us_ = 0;
  FILE* transcript_ = nullptr;
  uint64_t transcript_limit_ = 0;
  uint64_t transcript_lines_ = 0;
};

// Escape bytes for a message or a JSON string: printable ASCII as is, the rest as \xNN (json: \u00NN).
std::string session_escape(const std::string& bytes, bool json);
#endif
