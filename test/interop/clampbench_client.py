"""A minimal clampbench client, written from firmware-protocol/PROTOCOL.md (wire protocol 2.0) alone.

Standard library + pyserial only. Section numbers (§) refer to PROTOCOL.md.

    client = Client("/dev/ttyACM0")
    client.open()                       # §1.1 opening rule, then INFO and LIMITS
    print(client.request("VDROP", 1, 5.7).fields)
    client.close()
"""
from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

import serial  # pyserial

PROTO_MAJOR = 2
BAUD = 115200
LINE_MAX_CHARS = 64          # §1, lineMaxChars (host line, newline excluded)
DEVICE_LINE_MAX_CHARS = 255  # §1, deviceLineMaxChars
RX_BUFFER_BYTES = 64         # §1, the firmware's receive buffer
BANNER_WAIT_S = 2.5          # §1.1
ID_MAX = 65535               # §1.2
DEFAULT_WATCHDOG_MS = 250    # §2.4, setting watchdogMs
KEEPALIVE_LINE = "PING*6427" # §2.2, PING without an id
KEEPALIVE_MARGIN = 0.8       # keep-alive period as a fraction of watchdogMs / 2 (§2.2)
# §4 realtime: `?` acts anywhere; abort and reboot are a line of their own (`!` / Ctrl-X, then newline)
STATUS_QUERY, ABORT_LINE, REBOOT_LINE = b"?", b"!\n", b"\x18\n"

# §2.3 command table: name -> (kind, retry with the same id, keep-alive)
COMMANDS: dict[str, tuple[str, bool, bool]] = {
    "PING": ("immediate", False, False), "INFO": ("immediate", False, False),
    "LIMITS": ("immediate", False, False), "STATUS": ("immediate", False, False),
    "RESULT": ("immediate", False, False), "POLE": ("immediate", True, False),
    "VDROP": ("short", False, False), "ISO": ("short", False, False),
    "PULL": ("long", True, True), "HOME": ("long", True, True),
    "HEAT": ("immediate", True, True), "TEMP": ("immediate", False, False),
    "TARE": ("short", True, False), "SPAN": ("short", True, False),
    "SET": ("immediate", True, False), "SETTINGS": ("immediate", False, False),
    "RESET": ("immediate", True, False), "HELP": ("immediate", False, False),
}
# §1.3: errors answered before the id can be trusted (no `#id`, maybe `rid`)
ENVELOPE_ERRORS = {6, 7, 19, 23}
# §8 alarms table: every alarm latches except 7 (PULLOUT)
NON_LATCHING_ALARMS = {7}
# §1.4: a retry of a read (new id) refused with one of these while an earlier copy is unanswered is
# caused by that earlier copy, still running: not the request's result.
NOT_DEFINITIVE_ON_RETRY = {9, 11, 12}

NUMBER_RE = re.compile(r"^-?(\d+(\.\d+)?|\.\d+)$")
ID_PREFIX_RE = re.compile(r"^#([1-9][0-9]{0,4}) ")


# ---------------------------------------------------------------- framing (§1.2)

def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (§1.2): poly 0x1021, init 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def seal(body: str, req_id: Optional[int] = None) -> str:
    """`[#<id> ]<body>*<crc>` without the newline (§1.2)."""
    text = f"#{req_id} {body}" if req_id is not None else body
    return f"{text}*{crc16_ccitt_false(text.encode('ascii')):04X}"


def unseal(raw: bytes) -> Optional[tuple[Optional[int], str]]:
    """Check a received line's CRC (§1.2) and split off its id; None if the line must be dropped."""
    star = raw.rfind(b"*")
    if star < 0 or len(raw) - star != 5 or len(raw) > DEVICE_LINE_MAX_CHARS:
        return None
    digits = raw[star + 1:]
    if not re.fullmatch(rb"[0-9A-F]{4}", digits) or int(digits, 16) != crc16_ccitt_false(raw[:star]):
        return None
    try:
        text = raw[:star].decode("ascii")
    except UnicodeDecodeError:
        return None
    match = ID_PREFIX_RE.match(text)
    if match and int(match.group(1)) <= ID_MAX:
        return int(match.group(1)), text[match.end():]
    return None, text


def reply_timeout(name: str, args: tuple) -> float:
    """How long a reply may take before it counts as lost (§1.4): 1 s after the longest time the
    request may take (§2.1). Immediate commands and the `ok` of a long operation: 1 s."""
    try:
        if name == "VDROP":
            samples = number(format_number(args[2])) if len(args) > 2 else 256
            return 1.0 + 0.035 + 0.000255 * samples
        if name == "ISO":
            return 1.0 + 0.005 * number(format_number(args[0])) ** 2
    except (ValueError, IndexError):
        pass  # a bad argument is refused at once
    return 2.0 if name in ("TARE", "SPAN") else 1.0  # TARE/SPAN: error:18 after 1 s at most


def format_number(value: Union[int, float, str]) -> str:
    """A request number (§2): decimal point, no exponent, at most 3 decimals, never ending in `.`."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_fields(words: list[str]) -> dict[str, str]:
    """`key=value` words (§2); words that are not key=value are kept under their position."""
    fields: dict[str, str] = {}
    for i, word in enumerate(words):
        key, sep, value = word.partition("=")
        fields[key if sep else f"_{i}"] = value if sep else word
    return fields


def number(text: str) -> float:
    """A device number; raises ValueError unless it is plain decimal (no exponent, inf, nan)."""
    if not NUMBER_RE.match(text):
        raise ValueError(f"not a decimal number: {text!r}")
    return float(text)


# ---------------------------------------------------------------- typed messages (§2, §3, §5)

@dataclass
class Reply:
    """`ok` or `error:N` with key=value fields (§2); `dup` (§1.4) and `rid` (§1.3) as properties."""
    id: Optional[int]
    ok: bool
    code: int  # 0 for ok
    fields: dict[str, str]
    raw: str

    @property
    def dup(self) -> bool:
        return self.fields.get("dup") == "1"

    @property
    def rid(self) -> Optional[int]:
        value = self.fields.get("rid")
        return int(value) if value is not None and value.isdigit() else None


@dataclass
class Status:
    """Status fields (§3.1), from a `<...>` report or a STATUS reply."""
    state: str
    pole: int
    force_n: float
    pos_mm: float
    current_a: float
    temp_c: float
    estop: bool
    guard: bool
    home: bool
    homed: bool
    alarms: list[int]
    fields: dict[str, str]

    KEYS = ("state", "pole", "forceN", "posMm", "currentA", "tempC", "estop", "guard", "home", "homed", "alarms")

    @classmethod
    def from_fields(cls, f: dict[str, str]) -> "Status":
        missing = [k for k in cls.KEYS if k not in f]
        if missing:
            raise ValueError(f"status without {', '.join(missing)}")
        alarms = [] if f["alarms"] == "-" else [int(a) for a in f["alarms"].split(",")]
        return cls(f["state"], int(f["pole"]), number(f["forceN"]), number(f["posMm"]), number(f["currentA"]),
                   number(f["tempC"]), f["estop"] == "1", f["guard"] == "1", f["home"] == "1", f["homed"] == "1", alarms, f)


@dataclass
class Alarm:
    """`ALARM:<code>[ key=value…]` (§3.2)."""
    code: int
    fields: dict[str, str]

    @property
    def latching(self) -> bool:
        return self.code not in NON_LATCHING_ALARMS


@dataclass
class Message:
    """`[MSG:<text>]` (§3.3)."""
    text: str


@dataclass
class Sample:
    """`S <n> <tMs> <forceN> <posMm>` (§3.4)."""
    n: int
    t_ms: int
    force_n: float
    pos_mm: float


@dataclass
class Done:
    """`DONE:<op> result=… key=value…` (§3.5)."""
    op: str
    result: str
    fields: dict[str, str]

    def num(self, key: str) -> float:
        return number(self.fields[key])


@dataclass
class Banner:
    """`clampbench fw=… proto=… rig=…` (§5)."""
    fw: str
    proto: str
    rig: str
    fields: dict[str, str]


@dataclass
class Unknown:
    """A valid line of a kind this client does not know (§7: show it, do not act on it)."""
    text: str


Incoming = Union[Reply, Status, Alarm, Message, Sample, Done, Banner, Unknown]


def parse_body(req_id: Optional[int], body: str) -> Incoming:
    """Tell a line apart by its first characters (§3 table) and parse it."""
    if req_id is not None or body == "ok" or body.startswith(("ok ", "error:")):
        head, *rest = body.split(" ")
        if head == "ok":
            return Reply(req_id, True, 0, parse_fields(rest), body)
        if head.startswith("error:") and head[6:].isdigit():
            return Reply(req_id, False, int(head[6:]), parse_fields(rest), body)
        return Unknown(body)
    if body.startswith("clampbench "):
        f = parse_fields(body.split(" ")[1:])
        return Banner(f.get("fw", ""), f.get("proto", ""), f.get("rig", ""), f)
    if body.startswith("<") and body.endswith(">"):
        return Status.from_fields(parse_fields(body[1:-1].split(" ")))
    if body.startswith("ALARM:"):
        head, *rest = body.split(" ")
        return Alarm(int(head[6:]), parse_fields(rest))
    if body.startswith("[MSG:") and body.endswith("]"):
        return Message(body[5:-1])
    if body.startswith("S "):
        n, t_ms, force, pos = body.split(" ")[1:]
        return Sample(int(n), int(t_ms), number(force), number(pos))
    if body.startswith("DONE:"):
        head, *rest = body.split(" ")
        f = parse_fields(rest)
        return Done(head[5:], f.get("result", ""), f)
    return Unknown(body)


# ---------------------------------------------------------------- the client

class ClientError(Exception):
    pass


class RigRebooted(ClientError):
    """A banner came while a request was outstanding (§5): the request is gone."""


@dataclass
class _Pending:
    """One request, under every id it was sent with (a read is retried with a new id, §1.4)."""
    event: threading.Event = field(default_factory=threading.Event)
    replies: list[Reply] = field(default_factory=list)  # in arrival order, not yet looked at
    answered: set[int] = field(default_factory=set)     # ids that got a reply
    retry_now: bool = False  # a `rid` hint named one of its ids (§1.3)
    rebooted: bool = False


class Client:
    """One clampbench rig on a serial port; one request at a time, plus keep-alive lines."""

    def __init__(self, port: str, *, log: Optional[Callable[[str], None]] = None) -> None:
        self.port = port
        self.say = log or (lambda text: None)
        self.serial: Optional[serial.Serial] = None
        self.banner: Optional[Banner] = None         # the banner seen when opening, if any
        self.info: dict[str, str] = {}
        self.limits: dict[str, str] = {}
        self.last_changing_id = 0                    # newest id sent with a state-changing request
        self.watchdog_ms = DEFAULT_WATCHDOG_MS
        self.received: list[Incoming] = []           # every valid line except matched replies
        self.damaged: list[bytes] = []               # lines dropped for a bad or missing CRC (§1.2)
        self._cond = threading.Condition()
        self._pending: dict[int, _Pending] = {}
        self._next_id = 1                            # §1.4: set from INFO lastId when opening
        self._write_lock = threading.Lock()
        self._request_lock = threading.Lock()
        self._inflight: dict[object, int] = {}       # bytes sent, not yet answered (§1)
        self._anonymous: deque[object] = deque()     # keys of id-less lines in flight, oldest first
        self._keepalive_reasons: set[str] = set()
        self.keepalive_sent: list[float] = []        # monotonic times of the keep-alive lines sent
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------ opening (§1.1)

    def open(self) -> Optional[Banner]:
        """Open 115200 8N1, no flow control; wait up to 2.5 s for a banner sending nothing; without
        one send an empty line; then INFO (§1.1). Returns the banner, if one came."""
        self.serial = serial.Serial(self.port, BAUD, bytesize=serial.EIGHTBITS, parity=serial.PARITY_NONE,
                                    stopbits=serial.STOPBITS_ONE, timeout=0.02, xonxoff=False, rtscts=False,
                                    dsrdtr=False)
        self.serial.reset_input_buffer()
        for target in (self._reader, self._keepalive_loop):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        self.banner = self.wait_for(lambda m: isinstance(m, Banner), BANNER_WAIT_S, since=0)  # type: ignore[assignment]
        if self.banner is None:
            mark = self.mark()
            key = self._send(b"\n", anonymous=True)
            # Any reply ends the exchange: `ok`, or an error for a partial line the `\n` completed.
            if self.wait_for(lambda m: isinstance(m, Reply) and m.id is None, 1.0, since=mark) is None:
                self._release(key)
        else:
            self._check_proto(self.banner.proto, "banner")
        # §1.4: INFO first (a read, so any id will do), then number this session's ids from lastId + 1.
        self.info = self.request("INFO").fields
        self._check_proto(self.info.get("proto", ""), "INFO")
        last_id = self.info.get("lastId", "")
        if not last_id.isdigit() or int(last_id) > ID_MAX:
            raise ClientError(f"INFO without a valid lastId: {self.info}")
        self._next_id = int(last_id) % ID_MAX + 1
        self.limits = self.request("LIMITS").fields  # §2.3: the rig figures that bound arguments
        settings = self.request("SETTINGS")
        if settings.ok and settings.fields.get("watchdogMs", "").isdigit():
            self.watchdog_ms = int(settings.fields["watchdogMs"])
        return self.banner

    def _check_proto(self, proto: str, where: str) -> None:
        """§5/§7: refuse a device whose protocol major differs; accept any minor."""
        if proto.split(".")[0] != str(PROTO_MAJOR):
            raise ClientError(f"{where} says proto={proto!r}; this client speaks {PROTO_MAJOR}.x")

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(1.0)
        if self.serial is not None:
            self.serial.close()

    # ------------------------------------------------------------ sending

    def _send(self, data: bytes, *, key: object = None, anonymous: bool = False, wait_room_s: float = 2.0) -> object:
        """Write bytes, keeping at most 64 bytes sent and not yet answered (§1)."""
        assert self.serial is not None
        with self._cond:
            if key is None:
                key = object()
            deadline = time.monotonic() + wait_room_s
            # A lone line always goes (a 64-character line and its newline are 65 bytes).
            while self._inflight and sum(self._inflight.values()) + len(data) > RX_BUFFER_BYTES \
                    and time.monotonic() < deadline:
                self._cond.wait(0.01)
            self._inflight[key] = len(data)
            if anonymous:
                self._anonymous.append(key)
        with self._write_lock:
            self.serial.write(data)
            self.serial.flush()
        return key

    def _release(self, key: object) -> None:
        with self._cond:
            self._inflight.pop(key, None)
            if key in self._anonymous:
                self._anonymous.remove(key)
            self._cond.notify_all()

    def send_realtime(self, data: bytes) -> None:
        """Realtime bytes (§4): outside the line envelope, no id, no CRC, no reply of their own.
        Every line this client writes ends with its newline, so `!\n` and Ctrl-X `\n` start a line."""
        assert self.serial is not None
        with self._write_lock:
            self.serial.write(data)
            self.serial.flush()

    def send_raw(self, line: bytes, req_id: Optional[int] = None) -> None:
        """Send bytes exactly as given (for tests of the rig's checks): a line whose reply carries
        `req_id`, or an id-less one."""
        self._send(line, key=req_id, anonymous=req_id is None)

    def new_id(self) -> int:
        with self._cond:
            req_id = self._next_id
            self._next_id = self._next_id % ID_MAX + 1  # 65535 is followed by 1 (§1.4)
            return req_id

    def _send_request(self, slot: _Pending, req_id: int, body: str) -> None:
        """Send `#id body*crc` for `slot`; its replies under this id go to the slot."""
        line = seal(body, req_id)
        if len(line) > LINE_MAX_CHARS:
            raise ClientError(f"line of {len(line)} characters, more than {LINE_MAX_CHARS}: {line}")
        with self._cond:
            self._pending[req_id] = slot
            if COMMANDS.get(body.split(" ")[0].upper(), ("", False))[1]:
                self.last_changing_id = req_id
        self._send((line + "\n").encode("ascii"), key=req_id)

    def _forget(self, ids: list[int]) -> None:
        with self._cond:
            for req_id in ids:
                self._pending.pop(req_id, None)
        for req_id in ids:
            self._release(req_id)

    def _await(self, slot: _Pending, ids: list[int], timeout: float) -> Optional[Reply]:
        """The first definitive reply to any of `ids` (§1.4), or None on timeout or a `rid` hint."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                if slot.rebooted:
                    raise RigRebooted(f"the rig rebooted while request #{ids[-1]} was outstanding")
                while slot.replies:
                    reply = slot.replies.pop(0)
                    assert reply.id is not None
                    earlier = ids[:ids.index(reply.id)]
                    if reply.code in NOT_DEFINITIVE_ON_RETRY and any(i not in slot.answered for i in earlier):
                        self.say(f"{reply.raw!r}: caused by an earlier copy still running; waiting for it")
                        continue
                    return reply
                if slot.retry_now:
                    slot.retry_now = False
                    return None
                slot.event.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            slot.event.wait(left)

    def exchange(self, req_id: int, body: str, timeout: float) -> Optional[Reply]:
        """Send `#id body*crc` once and wait for the reply with that id (for tests of the rig)."""
        slot = _Pending()
        try:
            self._send_request(slot, req_id, body)
            return self._await(slot, [req_id], timeout)
        finally:
            self._forget([req_id])

    def request(self, command: str, *args: Union[int, float, str], timeout: Optional[float] = None,
                attempts: int = 3) -> Reply:
        """Send a request and return its reply, retrying by the rule of §1.4: a state-changing
        request again with the same id (it runs at most once; a copy is answered `dup=1`), a read
        with a new id; at once after a `rid` hint (§1.3), else when the timeout runs out."""
        name = command.upper()
        kind, same_id, keepalive = COMMANDS.get(name, ("immediate", False, False))
        body = " ".join([command, *(format_number(a) for a in args)])
        wait_s = timeout if timeout is not None else reply_timeout(name, args)
        # §2.2: the keep-alive starts when the request is sent (its `ok` may be lost). A PULL or HOME
        # keeps it until its DONE (which may come before this thread sees the `ok`), HEAT until HEAT 0.
        token = name if kind == "long" else f"request:{name}"
        slot, ids, reply = _Pending(), [], None
        with self._request_lock:
            if keepalive:
                self._keepalive(token, True)
            try:
                for _ in range(attempts):
                    if not ids or not same_id:
                        ids.append(self.new_id())
                    self._send_request(slot, ids[-1], body)
                    reply = self._await(slot, ids, wait_s)
                    if reply is not None:
                        if name == "HEAT" and reply.ok:
                            self._keepalive("HEAT", bool(args) and number(format_number(args[0])) != 0)
                        return reply
                raise ClientError(f"no reply to {body!r} after {attempts} attempts")
            finally:
                self._forget(ids)
                if keepalive and (kind != "long" or reply is None or not reply.ok):
                    self._keepalive(token, False)

    # ------------------------------------------------------------ realtime helpers (§4)

    def abort(self) -> None:
        """`!` + newline: stops motion and current; a long operation ends with DONE result=aborted (§4)."""
        self.send_realtime(ABORT_LINE)
        self._keepalive("HEAT", False)  # the current is off; PULL/HOME keep-alive ends with their DONE

    def status_report(self, timeout: float = 1.0) -> Optional[Status]:
        """`?`: the rig sends a status report `<…>` (§3.1, §4)."""
        mark = self.mark()
        self.send_realtime(STATUS_QUERY)
        return self.wait_for(lambda m: isinstance(m, Status), timeout, since=mark)  # type: ignore[return-value]

    def reboot(self, timeout: float = BANNER_WAIT_S) -> Optional[Banner]:
        """Ctrl-X + newline: reboot the firmware; returns the banner that follows (§4, §5)."""
        mark = self.mark()
        self.send_realtime(REBOOT_LINE)
        return self.wait_for(lambda m: isinstance(m, Banner), timeout, since=mark)  # type: ignore[return-value]

    # ------------------------------------------------------------ keep-alive (§2.2)

    def _keepalive(self, reason: str, on: bool) -> None:
        with self._cond:
            (self._keepalive_reasons.add if on else self._keepalive_reasons.discard)(reason)

    @property
    def keepalive_active(self) -> bool:
        with self._cond:
            return bool(self._keepalive_reasons)

    def _keepalive_loop(self) -> None:
        """While any reason holds, send `PING*6427` (no id) at least every watchdogMs / 2 (§2.2).
        The period aims at 80 % of that, so that thread scheduling delays on a loaded machine do not
        stretch a gap past watchdogMs / 2."""
        last = 0.0
        while not self._stop.wait(0.005):
            if not self.keepalive_active:
                last = 0.0
                continue
            if time.monotonic() - last >= self.watchdog_ms / 2000.0 * KEEPALIVE_MARGIN:
                last = time.monotonic()
                self.keepalive_sent.append(last)
                self._send((KEEPALIVE_LINE + "\n").encode("ascii"), anonymous=True, wait_room_s=0.02)

    # ------------------------------------------------------------ receiving

    def mark(self) -> int:
        """A position in `received`, for `wait_for(..., since=mark)`."""
        with self._cond:
            return len(self.received)

    def wait_for(self, predicate: Callable[[Incoming], bool], timeout: float, since: int) -> Optional[Incoming]:
        """The first received message from position `since` on that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for message in self.received[since:]:
                    if predicate(message):
                        return message
                since = len(self.received)
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def _reader(self) -> None:
        assert self.serial is not None
        buffer = b""
        while not self._stop.is_set():
            try:
                chunk = self.serial.read(max(1, self.serial.in_waiting))
            except (serial.SerialException, OSError, TypeError):
                if self._stop.is_set():
                    return
                raise
            buffer += chunk
            while b"\n" in buffer:
                raw, buffer = buffer.split(b"\n", 1)
                self._on_line(raw)

    def _on_line(self, raw: bytes) -> None:
        """Verify and dispatch one received line (§1.2, §3)."""
        unsealed = unseal(raw)
        if unsealed is None:
            with self._cond:
                self.damaged.append(raw)
            self.say(f"dropped a line with a bad or missing CRC: {raw!r}")
            return
        try:
            message = parse_body(*unsealed)
        except (ValueError, IndexError):
            message = Unknown(unsealed[1])
        with self._cond:
            if isinstance(message, Reply):
                self._on_reply(message)
            else:
                self.received.append(message)
            if isinstance(message, Done):
                self._keepalive_reasons.discard(message.op)
            elif isinstance(message, Alarm) and message.latching:
                self._keepalive_reasons.clear()  # the rig is in its safe state (§3.2)
            elif isinstance(message, Banner):
                self._keepalive_reasons.clear()  # the rig rebooted (§5)
                self._inflight.clear()
                self._anonymous.clear()
                for slot in self._pending.values():
                    slot.rebooted = True
                    slot.event.set()
            self._cond.notify_all()

    def _on_reply(self, reply: Reply) -> None:
        """Match a reply to its request by id (§1.2); id-less replies answer the oldest id-less line,
        or carry a `rid` hint (§1.3). Called with the lock held."""
        slot = self._pending.get(reply.id) if reply.id is not None else None
        if slot is not None:
            if reply.id not in slot.answered:
                slot.answered.add(reply.id)
                slot.replies.append(reply)
            else:  # a later reply to an id already answered is not a result (§1.4)
                self.received.append(reply)
            self._inflight.pop(reply.id, None)
            slot.event.set()
            return
        hinted = self._pending.get(reply.rid) if reply.rid is not None and reply.code in ENVELOPE_ERRORS else None
        if hinted is not None:
            hinted.retry_now = True
            self._inflight.pop(reply.rid, None)
            hinted.event.set()
        elif reply.id is None and self._anonymous:
            self._inflight.pop(self._anonymous.popleft(), None)
        elif reply.id is not None:
            self._inflight.pop(reply.id, None)  # a late reply, or one to a line sent raw
        self.received.append(reply)  # id-less replies (keep-alives' `ok` too) and late ones
