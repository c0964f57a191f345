#!/usr/bin/python3
"""Interop scenario against a clampbench rig, written from firmware-protocol/PROTOCOL.md alone.

    /usr/bin/python3 test/interop/interop_run.py <port-path>

One line per check (`PASS name` / `FAIL name: detail`), notes as `# …`, and last
`interop: N passed, M failed`. Exit code 0 only when nothing failed.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, Optional

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clampbench_client import (  # noqa: E402
    KEEPALIVE_MARGIN, Alarm, Client, Done, Reply, Sample, Status, crc16_ccitt_false, number, seal,
)

INFO_KEYS = ["fw", "proto", "rig", "board", "poles", "caps", "calDate", "settings", "lastId"]  # §2.3
INFO_INTEGERS = ["poles", "calDate", "settings", "lastId"]
LIMITS_KEYS = ["forceCapN", "capacityN", "maxCurrentA", "maxSpeedMmps", "approachMmps", "travelMm",
               "maxTempC", "sampleHz"]  # §2.3, all decimals
DONE_PULL_KEYS = ["result", "peakN", "holdMinN", "holdMaxN", "slipMm", "samples", "durMs"]  # §3.5
STATES = {"IDLE", "MEASURE", "ISOLATE", "PULL", "HOME", "HEAT", "TARE", "ALARM"}  # §8
CAPS = {"vdrop", "iso", "insul", "pull", "home", "heat", "temp"}  # §2.3 INFO caps
VDROP_A = 5.7
PULL_TARGET_N, PULL_RATE_NPS, PULL_HOLD_MS = 45, 10, 2000


class Run:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.passed = 0
        self.failed = 0

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}", flush=True)
        return ok

    def step(self, name: str, body: Callable[[], None]) -> None:
        """Run a group of checks; an exception is one failed check named after the group."""
        try:
            body()
        except Exception as error:  # noqa: BLE001 - report and go on with the next group
            self.check(name, False, f"{type(error).__name__}: {error}")

    def expect_error(self, name: str, code: int, command: str, *args: object) -> Reply:
        reply = self.client.request(command, *args)  # type: ignore[arg-type]
        self.check(name, not reply.ok and reply.code == code, f"sent {command} {' '.join(map(str, args))}, "
                   f"expected error:{code}, got {reply.raw!r}")
        return reply

    def raw_error(self, name: str, line: bytes, code: int, rid: Optional[int]) -> None:
        """Send a damaged line; expect an id-less `error:<code>` with `rid` as given (§1.3)."""
        mark = self.client.mark()
        self.client.send_raw(line)
        reply = self.client.wait_for(lambda m: isinstance(m, Reply) and not m.ok, 1.0, since=mark)
        if not self.check(name, isinstance(reply, Reply) and reply.code == code and reply.id is None,
                          f"sent {line!r}, expected id-less error:{code}, got {reply.raw if reply else 'no reply'!r}"):
            return
        assert isinstance(reply, Reply)
        wanted = f"rid={rid}" if rid is not None else "no rid"
        self.check(f"{name}: {wanted}", reply.rid == rid, f"sent {line!r}, expected {wanted}, got {reply.raw!r}")

    def status(self) -> Status:
        reply = self.client.request("STATUS")
        if not reply.ok:
            raise RuntimeError(f"STATUS answered {reply.raw!r}")
        return Status.from_fields(reply.fields)

    def since(self, mark: int) -> list:
        with self.client._cond:
            return list(self.client.received[mark:])


def note(text: str) -> None:
    print(f"# {text}", flush=True)


def run_info(r: Run) -> None:
    info, limits = r.client.info, r.client.limits
    missing = [k for k in INFO_KEYS if k not in info]
    r.check("INFO keys", not missing, f"missing {missing} in {info}")
    moved = [k for k in LIMITS_KEYS if k in info]
    r.check("INFO without the rig figures (moved to LIMITS in 2.0)", not moved, f"INFO still has {moved}")
    bad = [k for k in INFO_INTEGERS if k in info and not info[k].isdigit()]
    r.check("INFO numbers parse", not bad, f"not numbers: {[(k, info[k]) for k in bad]}")
    r.check("INFO proto major 2", info.get("proto", "").split(".")[0] == "2", f"proto={info.get('proto')}")
    r.check("INFO lastId=0 on the fresh rig", info.get("lastId") == "0", f"lastId={info.get('lastId')}")
    missing = [k for k in LIMITS_KEYS if k not in limits]
    r.check("LIMITS keys", not missing, f"missing {missing} in {limits}")
    bad = [k for k in LIMITS_KEYS if k in limits and not (_is_number(limits[k]) and number(limits[k]) > 0)]
    r.check("LIMITS values are positive numbers", not bad, f"bad: {[(k, limits[k]) for k in bad]}")
    caps = set(info.get("caps", "").split(","))
    r.check("INFO caps known", caps <= CAPS and bool(caps), f"caps={info.get('caps')}")
    cal = info.get("calDate", "")
    r.check("INFO calDate 0 or YYYYMMDD", cal == "0" or (len(cal) == 8 and cal.isdigit()), f"calDate={cal}")
    note("INFO " + " ".join(f"{k}={v}" for k, v in info.items()))
    note("LIMITS " + " ".join(f"{k}={v}" for k, v in limits.items()))


def _is_number(text: str) -> bool:
    try:
        number(text)
        return True
    except ValueError:
        return False


def run_status(r: Run) -> None:
    reply = r.client.request("STATUS")
    try:
        status = Status.from_fields(reply.fields)
        r.check("STATUS fields", reply.ok and status.state in STATES, f"{reply.raw!r}")
        r.check("STATUS no alarm latched", not status.alarms and status.state != "ALARM", f"{reply.raw!r}")
        r.check("STATUS homed=0 on the fresh rig (no HOME since boot)", not status.homed, f"{reply.raw!r}")
    except (ValueError, KeyError) as error:
        r.check("STATUS fields", False, f"{error}: {reply.raw!r}")
    report = r.client.status_report()
    r.check("realtime ? status report", report is not None and report.state in STATES, f"got {report}")
    reply = r.client.request("RESULT")
    r.check("RESULT before any long operation: op=- opId=0 running=0", reply.ok and reply.fields.get("op") == "-"
            and reply.fields.get("opId") == "0" and reply.fields.get("running") == "0", reply.raw)


def run_vdrop(r: Run) -> None:
    for pole in (1, 2, 3, 4):
        name = f"VDROP {pole} {VDROP_A}"
        reply = r.client.request("VDROP", pole, VDROP_A)
        if not r.check(f"{name}: ok", reply.ok, reply.raw):
            continue
        f = reply.fields
        missing = [k for k in ("pole", "mv", "mohm", "currentA") if k not in f]
        if not r.check(f"{name}: keys", not missing, f"missing {missing}: {reply.raw!r}"):
            continue
        mv, mohm, amps = number(f["mv"]), number(f["mohm"]), number(f["currentA"])
        r.check(f"{name}: pole", f["pole"] == str(pole), reply.raw)
        r.check(f"{name}: currentA within 10 %", abs(amps - VDROP_A) <= 0.1 * VDROP_A, reply.raw)
        # mv (4 decimals), currentA (3) and mohm (4) are rounded: allow the rounding of each.
        tolerance = 0.00005 + 0.00005 / amps + mv * 0.0005 / amps ** 2 + 1e-9
        r.check(f"{name}: mohm = mv / currentA", amps > 0 and abs(mohm - mv / amps) <= tolerance,
                f"mv/currentA={mv / amps if amps else float('nan'):.6f}, mohm={mohm}, tolerance {tolerance:.6f}")


def run_iso(r: Run) -> None:
    reply = r.client.request("ISO", 4)
    r.check("ISO 4: map=1,2,3,4 shorts=-", reply.ok and reply.fields.get("map") == "1,2,3,4"
            and reply.fields.get("shorts") == "-", reply.raw)


def run_errors(r: Run) -> None:
    info = r.client.info
    r.expect_error("error 1 unknown command", 1, "FROB")
    r.expect_error("error 2 bad number (abc)", 2, "VDROP", 1, "abc")
    r.expect_error("error 2 bad number (5.)", 2, "VDROP", 1, "5.")
    r.expect_error(f"error 3 out of range (POLE poles+1 = {int(info['poles']) + 1})", 3, "POLE", int(info["poles"]) + 1)
    over = number(r.client.limits["maxCurrentA"]) + 1
    r.expect_error(f"error 3 out of range (VDROP currentA maxCurrentA+1 = {over:g})", 3, "VDROP", 1, over)
    r.expect_error("error 4 missing argument", 4, "VDROP", 1)
    r.expect_error("error 5 too many arguments", 5, "STATUS", 1)
    rid = r.client.new_id()
    good = seal("PING", rid)
    bad_crc = good[:-4] + f"{(int(good[-4:], 16) ^ 0x0001):04X}"
    r.raw_error("error 7 bad CRC", (bad_crc + "\n").encode(), 7, rid)
    rid = r.client.new_id()
    r.raw_error("error 7 id without CRC", f"#{rid} INFO\n".encode(), 7, rid)
    r.raw_error("error 8 bad request id (#0)", (seal("PING", 0) + "\n").encode(), 8, None)
    rid = r.client.new_id()
    text = f"#{rid} PI\x01NG".encode()
    r.raw_error("error 23 forbidden byte 0x01", text + f"*{crc16_ccitt_false(text):04X}\n".encode(), 23, rid)
    rid = r.client.new_id()
    text = f"#{rid} PI\x18NG".encode()
    r.raw_error("error 23 Ctrl-X inside a line (no reboot)", text + f"*{crc16_ccitt_false(text):04X}\n".encode(), 23, rid)
    # §4: `?` inside a line is taken out (a status report) and the line runs as if it were not there.
    rid = r.client.new_id()
    mark = r.client.mark()
    line = seal("PING", rid)
    cut = len(f"#{rid} PI")
    r.client.send_raw((line[:cut] + "?" + line[cut:] + "\n").encode(), req_id=rid)
    got = r.client.wait_for(lambda m: isinstance(m, Reply) and m.id == rid, 1.0, since=mark)
    report = r.client.wait_for(lambda m: isinstance(m, Status), 1.0, since=mark)
    r.check("realtime ? inside a line: status report, line still runs", isinstance(got, Reply) and got.ok
            and report is not None, f"reply {got}, report {report}")


def run_duplicates(r: Run) -> Optional[str]:
    """§1.4: a state-changing request under a remembered id is answered with the remembered code and
    dup=1 (no other field), not executed again; a read runs again under any id, never dup=1."""
    c = r.client
    rid = c.new_id()
    first, second = c.exchange(rid, "PING", 1.0), c.exchange(rid, "PING", 1.0)
    r.check("read id repeated (PING): ok both times, no dup=1", first is not None and first.ok and not first.dup
            and second is not None and second.ok and not second.dup, f"first {first}, second {second}")
    rid = c.new_id()
    first, second = c.exchange(rid, "POLE 1", 1.0), c.exchange(rid, "POLE 1", 1.0)
    r.check("state-changing id repeated (POLE 1): first executed", first is not None and first.ok and not first.dup
            and first.fields.get("pole") == "1", repr(first))
    r.check("state-changing id repeated (POLE 1): again -> ok dup=1 and no other field", second is not None
            and second.ok and second.id == rid and second.fields == {"dup": "1"}, repr(second))
    bad = c.new_id()
    poles = int(c.info["poles"])
    first, second = c.exchange(bad, f"POLE {poles + 1}", 1.0), c.exchange(bad, f"POLE {poles + 1}", 1.0)
    r.check("state-changing id repeated (error:3): again -> error:3 dup=1", first is not None and first.code == 3
            and second is not None and second.code == 3 and second.dup, f"first {first}, second {second}")
    return seal("POLE 1", rid)


def run_vdrop_no_keepalive(r: Run) -> None:
    """§2.2: the watchdog does not run during a short operation; VDROP 1024 (≈ 245 ms) needs no keep-alive."""
    c = r.client
    r.check("VDROP 1024: no keep-alive running", not c.keepalive_active, "keep-alive is running")
    mark = c.mark()
    started = time.monotonic()
    reply = c.request("VDROP", 1, VDROP_A, 1024, timeout=2.0)
    took = time.monotonic() - started
    r.check("VDROP 1 5.7 1024 without keep-alive: ok", reply.ok, reply.raw)
    note(f"VDROP 1024 answered in {took * 1000:.0f} ms: {reply.raw}")
    time.sleep(0.5)
    alarms = [m for m in r.since(mark) if isinstance(m, Alarm)]
    r.check("VDROP 1024 without keep-alive: no ALARM:3", not alarms, f"got {alarms}")
    status = r.status()
    r.check("VDROP 1024 without keep-alive: no alarm latched", not status.alarms, f"alarms={status.alarms}")


def start_pull(r: Run, label: str) -> tuple[int, int]:
    """POLE 1, then PULL; returns the position in `received` before it and the PULL's id."""
    c = r.client
    reply = c.request("POLE", 1)
    r.check(f"{label}: POLE 1", reply.ok and reply.fields.get("pole") in ("1", None), reply.raw)
    mark = c.mark()
    reply = c.request("PULL", PULL_TARGET_N, PULL_RATE_NPS, PULL_HOLD_MS)
    if not reply.ok:
        raise RuntimeError(f"PULL {PULL_TARGET_N} {PULL_RATE_NPS} {PULL_HOLD_MS} answered {reply.raw!r}")
    r.check(f"{label}: PULL accepted, keep-alive on", c.keepalive_active, "keep-alive not running")
    assert reply.id is not None
    return mark, reply.id


def check_result(r: Run, label: str, done: Done, op_id: int) -> None:
    """§2.3 RESULT: after the end, op, opId, running=0 and exactly the keys of the DONE line."""
    reply = r.client.request("RESULT")
    f = dict(reply.fields)
    head = {k: f.pop(k, None) for k in ("op", "opId", "running")}
    r.check(f"{label}: RESULT op={done.op} opId={op_id} running=0", reply.ok
            and head == {"op": done.op, "opId": str(op_id), "running": "0"}, reply.raw)
    r.check(f"{label}: RESULT fields = DONE fields", f == done.fields, f"RESULT {f}, DONE {done.fields}")


def wait_done(r: Run, mark: int, op: str, timeout: float) -> Optional[Done]:
    done = r.client.wait_for(lambda m: isinstance(m, Done) and m.op == op, timeout, since=mark)
    if done is None:
        r.client.abort()
        r.client.wait_for(lambda m: isinstance(m, Done), 2.0, since=mark)
    return done  # type: ignore[return-value]


def check_samples(r: Run, label: str, mark: int, done: Done) -> list[Sample]:
    items = r.since(mark)
    samples = [m for m in items[: items.index(done)] if isinstance(m, Sample)]
    numbers = [s.n for s in samples]
    r.check(f"{label}: samples numbered 1..n without gaps", numbers == list(range(1, len(samples) + 1)) and samples,
            f"{len(samples)} samples, first {numbers[:3]}, gaps at "
            f"{[b for a, b in zip(numbers, numbers[1:]) if b != a + 1][:5]}")
    times = [s.t_ms for s in samples]
    r.check(f"{label}: tMs increasing", all(b > a for a, b in zip(times, times[1:])),
            f"not increasing at {[(a, b) for a, b in zip(times, times[1:]) if b <= a][:5]}")
    last = samples[-1].n if samples else 0
    r.check(f"{label}: DONE samples = last sample number", done.fields.get("samples") == str(last),
            f"DONE samples={done.fields.get('samples')}, last sample {last}")
    return samples


def run_pull_held(r: Run) -> None:
    c = r.client
    label = "PULL held"
    mark, pull_id = start_pull(r, label)
    started = time.monotonic()
    done = wait_done(r, mark, "PULL", 60.0)
    if not r.check(f"{label}: DONE:PULL within 60 s", done is not None, "no DONE:PULL; aborted"):
        return
    assert done is not None
    note(f"{label}: DONE after {time.monotonic() - started:.1f} s: " + " ".join(f"{k}={v}" for k, v in done.fields.items()))
    r.check(f"{label}: result=held", done.result == "held", f"result={done.result} {done.fields}")
    missing = [k for k in DONE_PULL_KEYS if k not in done.fields]
    r.check(f"{label}: DONE:PULL keys", not missing, f"missing {missing}: {done.fields}")
    check_result(r, label, done, pull_id)
    samples = check_samples(r, label, mark, done)
    forces = [s.force_n for s in samples]
    if forces:
        peak = max(forces)
        r.check(f"{label}: force rises to ≈{PULL_TARGET_N} N", forces[0] < 5 and abs(peak - PULL_TARGET_N) <= 0.05 * PULL_TARGET_N,
                f"first {forces[0]} N, peak {peak} N")
        span_s = (samples[-1].t_ms - samples[0].t_ms) / 1000
        rate = (len(samples) - 1) / span_s if span_s > 0 else 0
        hz = number(c.limits.get("sampleHz", "80"))
        r.check(f"{label}: sample rate ≈ sampleHz", 0.95 * hz <= rate <= 1.02 * hz, f"{rate:.1f} Hz from tMs")
    r.check(f"{label}: peakN ≈ {PULL_TARGET_N}", abs(done.num("peakN") - PULL_TARGET_N) <= 0.05 * PULL_TARGET_N, str(done.fields))
    r.check(f"{label}: holdMinN/holdMaxN ≈ {PULL_TARGET_N}",
            abs(done.num("holdMinN") - PULL_TARGET_N) <= 2.5 and abs(done.num("holdMaxN") - PULL_TARGET_N) <= 2.5, str(done.fields))
    alarms = [m for m in r.since(mark) if isinstance(m, Alarm)]
    r.check(f"{label}: no ALARM (keep-alive held the watchdog off)", not alarms, f"got {alarms}")
    sent = [t for t in c.keepalive_sent if t >= started]
    gaps = [b - a for a, b in zip(sent, sent[1:])]
    largest = max(gaps, default=0.0)
    note(f"{label}: {len(sent)} keep-alives, largest gap {largest * 1000:.0f} ms (rule: at most watchdogMs/2 = "
         f"{c.watchdog_ms / 2:.0f} ms; aimed at {c.watchdog_ms / 2 * KEEPALIVE_MARGIN:.0f} ms)")
    # The rule is watchdogMs/2; a loaded machine may delay a thread, the rig's hard limit is watchdogMs.
    r.check(f"{label}: keep-alive gaps below watchdogMs", bool(sent) and largest < c.watchdog_ms / 1000,
            f"{len(sent)} keep-alives, largest gap {largest * 1000:.0f} ms, watchdogMs={c.watchdog_ms}")
    r.check(f"{label}: keep-alive stopped after DONE", not c.keepalive_active, "still running")
    status = r.status()
    r.check(f"{label}: back home after DONE", status.state == "IDLE" and status.home and abs(status.pos_mm) < 0.01,
            str(status.fields))


def run_pull_aborted(r: Run) -> None:
    c = r.client
    label = "PULL aborted"
    mark, pull_id = start_pull(r, label)
    # §2.1: during a long operation only PING, STATUS, RESULT, INFO, LIMITS, TEMP and SETTINGS are answered.
    r.expect_error(f"{label}: error 9 BUSY (HELP during PULL)", 9, "HELP")
    r.expect_error(f"{label}: error 9 BUSY (ISO during PULL)", 9, "ISO", 4)
    for read in ("INFO", "LIMITS", "SETTINGS", "TEMP", "PING"):
        reply = c.request(read)
        r.check(f"{label}: {read} answered during PULL", reply.ok, reply.raw)
    r.check(f"{label}: STATUS state=PULL", r.status().state == "PULL", "")
    reply = c.request("RESULT")
    r.check(f"{label}: RESULT during PULL: op=PULL opId={pull_id} running=1", reply.ok and reply.fields.get("op")
            == "PULL" and reply.fields.get("opId") == str(pull_id) and reply.fields.get("running") == "1", reply.raw)
    check_bang_inside_lines(r, label, mark)
    mid = PULL_TARGET_N / 3
    sample = c.wait_for(lambda m: isinstance(m, Sample) and m.force_n >= mid, 30.0, since=mark)
    if not r.check(f"{label}: ramp reaches {mid:g} N", sample is not None, "no sample that high in 30 s"):
        wait_done(r, mark, "PULL", 0)
        return
    abort_at = time.monotonic()
    c.abort()
    done = c.wait_for(lambda m: isinstance(m, Done) and m.op == "PULL", 2.0, since=mark)
    if not r.check(f"{label}: DONE:PULL after !", isinstance(done, Done), "no DONE within 2 s"):
        return
    assert isinstance(done, Done)
    note(f"{label}: DONE {(time.monotonic() - abort_at) * 1000:.0f} ms after '!': " + " ".join(f"{k}={v}" for k, v in done.fields.items()))
    r.check(f"{label}: result=aborted", done.result == "aborted", str(done.fields))
    r.check(f"{label}: peakN below the target", done.num("peakN") < PULL_TARGET_N, str(done.fields))
    check_samples(r, label, mark, done)
    check_result(r, label, done, pull_id)
    status = r.status()
    r.check(f"{label}: no alarm latched", not status.alarms and status.state == "IDLE", str(status.fields))
    # §2.3 PULL: "refused with error:24 ... again after anything that switched the motor off (a
    # latching alarm, the abort byte)".
    r.check(f"{label}: homed=0 after the abort", not status.homed, str(status.fields))
    r.expect_error(f"{label}: PULL after the abort -> error 24 NOT_HOMED", 24, "PULL", PULL_TARGET_N, PULL_RATE_NPS,
                   PULL_HOLD_MS)


def check_bang_inside_lines(r: Run, label: str, mark: int) -> None:
    """§4: `!` aborts only as `!` + newline on a line of its own; anywhere else it is an ordinary byte."""
    c = r.client
    rid = c.new_id()
    reply = c.exchange(rid, "PI!NG", 1.0)  # sealed: the CRC covers the `!`
    r.check(f"{label}: '#id PI!NG*crc' -> error 1, no abort", reply is not None and reply.code == 1, repr(reply))
    for line in (seal("!PING"), "PI!NG", "PING!"):  # `!` first in a line but not followed by the newline, ...
        sent = c.mark()
        c.send_raw((line + "\n").encode())
        reply = c.wait_for(lambda m: isinstance(m, Reply) and m.id is None and not m.ok, 1.0, since=sent)
        r.check(f"{label}: {line!r} -> id-less error 1, no abort", isinstance(reply, Reply) and reply.code == 1,
                repr(reply))
    time.sleep(0.1)
    dones = [m for m in r.since(mark) if isinstance(m, Done)]
    status = r.status()
    r.check(f"{label}: the pull still runs after the '!'s inside lines", not dones and status.state == "PULL",
            f"DONE {dones}, state={status.state}")


def run_not_homed(r: Run) -> None:
    """§2.3: PULL is refused with error:24 until a HOME completed since boot (the rig is fresh)."""
    reply = r.client.request("POLE", 1)
    r.check("NOT_HOMED: POLE 1", reply.ok, reply.raw)
    r.expect_error("PULL before any HOME -> error 24 NOT_HOMED", 24, "PULL", PULL_TARGET_N, PULL_RATE_NPS, PULL_HOLD_MS)


def run_home(r: Run, label: str = "HOME") -> None:
    c = r.client
    mark = c.mark()
    reply = c.request("HOME")
    if not r.check(f"{label} accepted", reply.ok, reply.raw):
        return
    done = wait_done(r, mark, "HOME", 20.0)
    r.check(f"{label}: DONE:HOME result=ok", done is not None and done.result == "ok", repr(done))
    if done is not None:
        r.check(f"{label}: posMm 0", abs(done.num("posMm")) < 0.0001, str(done.fields))
        assert reply.id is not None
        check_result(r, label, done, reply.id)
    status = r.status()
    r.check(f"{label}: at home, idle, homed=1", status.home and status.state == "IDLE" and status.homed,
            str(status.fields))


def run_second_session(r: Run) -> None:
    """§1.4: a new session on the same running rig (the PTY closed and opened again) numbers its
    ids from INFO lastId + 1, so its first state-changing request is executed, not answered dup=1."""
    old = r.client
    last = old.last_changing_id
    old.close()
    r.client = Client(old.port, log=note)
    banner = r.client.open()
    r.check("second session: no banner (the rig did not reboot)", banner is None, repr(banner))
    r.check(f"second session: INFO lastId = the first session's last state-changing id ({last})",
            r.client.info.get("lastId") == str(last), f"lastId={r.client.info.get('lastId')}")
    reply = r.client.request("POLE", 2)
    note(f"second session: INFO went under any id (a read), LIMITS and SETTINGS from {last + 1}, POLE 2 as #{reply.id}")
    r.check(f"second session: ids numbered from lastId+1 = {last + 1}", reply.id is not None
            and last < reply.id <= last + 4, f"POLE 2 sent as #{reply.id}")
    r.check("second session: POLE 2 executed (ok pole=2, no dup=1)", reply.ok and not reply.dup
            and reply.fields.get("pole") == "2", reply.raw)


def run_reboot(r: Run, dup_line: Optional[str]) -> None:
    """§4/§5: Ctrl-X reboots; the banner follows and the id memory is empty again."""
    c = r.client
    banner = c.reboot()
    if not r.check("realtime Ctrl-X: banner follows", banner is not None, "no banner within 2.5 s"):
        return
    assert banner is not None
    r.check("banner proto major 2", banner.proto.split(".")[0] == "2", str(banner.fields))
    reply = c.request("INFO")
    r.check("INFO after reboot: lastId=0", reply.ok and reply.fields.get("lastId") == "0", reply.raw)
    status = r.status()
    r.check("after reboot: homed=0", not status.homed, str(status.fields))
    if dup_line is not None:
        rid = int(dup_line[1:dup_line.index(" ")])
        again = c.exchange(rid, "POLE 1", 1.0)
        r.check("id memory empty after reboot (no dup=1)", again is not None and again.ok and not again.dup, repr(again))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: interop_run.py <port-path>", file=sys.stderr)
        return 2
    client = Client(argv[1], log=note)
    run = Run(client)
    try:
        started = time.monotonic()
        banner = client.open()
        run.check("handshake", bool(client.info), "no INFO")
        note(f"handshake: {'banner ' + str(banner.fields) if banner else 'no banner (rig not reset): empty line, then INFO'}"
             f" in {time.monotonic() - started:.1f} s; watchdogMs={client.watchdog_ms}")
    except Exception as error:  # noqa: BLE001
        run.check("handshake", False, f"{type(error).__name__}: {error}")
        client.close()
        print(f"interop: {run.passed} passed, {run.failed} failed", flush=True)
        return 1
    dup_line: list[Optional[str]] = [None]
    run.step("INFO", lambda: run_info(run))
    run.step("STATUS", lambda: run_status(run))
    run.step("VDROP", lambda: run_vdrop(run))
    run.step("ISO", lambda: run_iso(run))
    run.step("errors", lambda: run_errors(run))
    run.step("duplicate id", lambda: dup_line.__setitem__(0, run_duplicates(run)))
    run.step("VDROP 1024 without keep-alive", lambda: run_vdrop_no_keepalive(run))
    run.step("NOT_HOMED", lambda: run_not_homed(run))
    run.step("HOME", lambda: run_home(run))
    run.step("PULL held", lambda: run_pull_held(run))
    run.step("PULL aborted", lambda: run_pull_aborted(run))
    run.step("HOME after the abort", lambda: run_home(run, "HOME after the abort"))
    run.step("second session", lambda: run_second_session(run))
    run.step("reboot", lambda: run_reboot(run, dup_line[0]))
    if run.client.damaged:
        note(f"{len(run.client.damaged)} received line(s) dropped for a bad or missing CRC: {run.client.damaged[:3]}")
    run.client.close()
    print(f"interop: {run.passed} passed, {run.failed} failed", flush=True)
    return 0 if run.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
