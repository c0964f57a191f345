// libFuzzer entry: each input is a byte stream from the host, cut into lines at '\n' (a last line
// without one gets it), sent to one firmware booted once. The firmware's state (latched alarms,
// settings, the recent-id memory, a running PULL) carries over from input to input as on a real
// link; a finding is therefore replayed with its input and, if it needs them, those before it.
// A Ctrl-X line ("\x18\n", '?' aside) is left out: it reboots the firmware, which the host model
// cannot do. Ctrl-X anywhere else is an ordinary line byte (protocol 2.0) and goes in.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string>
#include "line_model.h"
#include "session.h"

static Session* g_session;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_session = new Session;
  if (!g_session->boot()) {
    fprintf(stderr, "host-fuzz: FAIL boot: %s\n", g_session->failure().c_str());
    abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string stream((const char*)data, size);
  if (stream.empty() || stream.back() != '\n') stream += '\n';
  for (size_t start = 0; start < stream.size();) {
    size_t end = stream.find('\n', start) + 1;
    std::string line = stream.substr(start, end - start);
    start = end;
    if (line_model_realtime(line) == LINE_REBOOT) continue;
    if (!g_session->send(line, Delivery{0, false})) {
      fprintf(stderr, "host-fuzz: FAIL on line \"%s\": %s\n", session_escape(line, false).c_str(), g_session->failure().c_str());
      abort();
    }
  }
  return 0;
}
