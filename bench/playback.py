#!/usr/bin/env python3
"""The subscriber side of bench/run --store: the time to the first audio of a message played back.

  playback.py tone PATH alaw|ulaw HZ SECONDS     a raw G.711 tone for SIPp's rtp_stream (the message)
  playback.py run [options]                      subscribers log on and play their new message; JSON out
  playback.py check                              the tone detector against the beep, speech and silence

Each session is the PBX putting a subscriber's own extension through to a Callpost line (From: the
mailbox's extension, To: the pilot): Callpost asks for the PIN, the session keys PIN + '#' by RFC 4733
as soon as the prompt starts, waits until Callpost has said "you have one new message" and the menu
and gone quiet (send.silence is off: no RTP while nothing plays, so quiet is no packet for --quiet-ms),
then keys '1'. Measured from the first RTP event packet of that '1' (key down) to:
  first_packet_ms   the first RTP packet Callpost sends after it ("first message", the envelope starting:
                    the store listed the mailbox's new messages)
  first_audio_ms    the first 20 ms frame of the message itself: a tone of --hz that no prompt has
                    (the beep is 1000 Hz; prompts are speech), told by its energy at --hz against the
                    frame's whole energy (Goertzel), and confirmed by --confirm-frames more frames of it
and envelope_to_audio_ms, from the envelope's last packet to the message's first (the store opening
the audio; 20 ms when the message follows on at the packet rate).
Then BYE. Sessions run --concurrency at a time, each on its own SIP and RTP port, over UDP, loopback only.
"""
import json
import math
import os
import random
import re
import socket
import struct
import sys
import threading
import time

FRAME = 160


def g711_decoder(law):
    # the same 256-entry expansion table callbench.py uses
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import callbench
    return callbench.g711_decoder(law)


def g711_encoder(law):
    # the same encoders callbench.py uses
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import callbench
    return callbench.g711_encoder(law)


def tone(path, law, hz, seconds):
    encode = g711_encoder(law)
    data = bytes(encode(int(8000 * math.sin(2 * math.pi * hz * n / 8000))) for n in range(int(seconds * 8000)))
    with open(path, "wb") as f:
        f.write(data)


def is_tone(samples, hz):
    """Most of the frame's energy at HZ, and loud enough (not silence or noise)."""
    k = 2 * math.cos(2 * math.pi * hz / 8000)
    s1 = s2 = 0.0
    total = 0.0
    for x in samples:
        s = x + k * s1 - s2
        s2, s1 = s1, s
        total += x * x
    if total < len(samples) * 300.0 ** 2:
        return False
    power = s1 * s1 + s2 * s2 - k * s1 * s2          # |X(f)|^2
    return 2 * power / len(samples) > 0.8 * total    # a pure bin-aligned tone gives 1.0


class Session:
    def __init__(self, args, index, line, mailbox):
        self.a = args
        self.line = line
        self.mailbox = mailbox
        self.sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sip.bind(("127.0.0.1", args["sip_port"] + index))
        self.sip.settimeout(0.1)
        self.rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rtp.bind(("127.0.0.1", args["rtp_port"] + 2 * index))
        self.rtp.settimeout(0.05)
        self.call_id = "pb%x%x@127.0.0.1" % (random.getrandbits(48), index)
        self.tag = "pb%x" % random.getrandbits(32)
        self.to_tag = None
        self.remote_rtp = None
        self.packets = []      # (time, payload type, payload) of every RTP packet Callpost sent
        self.lock = threading.Lock()
        self.stop = False
        self.byes = 0
        self.seq = 1
        self.ts = 8000

    # ------------------------------------------------------------------------------------ SIP
    def request(self, method, cseq, body=""):
        port = self.sip.getsockname()[1]
        to_tag = ";tag=" + self.to_tag if self.to_tag else ""
        lines = [
            "%s sip:%s@%s:%d;transport=udp SIP/2.0" % (method, self.line, self.a["host"], self.a["port"]),
            "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%x;rport" % (port, random.getrandbits(40)),
            "From: \"Subscriber %s\" <sip:%s@127.0.0.1:%d>;tag=%s" % (self.mailbox, self.mailbox, port, self.tag),
            "To: <sip:%s@127.0.0.1>%s" % (self.a["pilot"], to_tag),
            "Call-ID: " + self.call_id,
            "CSeq: %d %s" % (cseq, method),
            "Contact: <sip:%s@127.0.0.1:%d;transport=udp>" % (self.mailbox, port),
            "Max-Forwards: 70",
        ]
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append("Content-Length: %d" % len(body.encode()))
        self.sip.sendto(("\r\n".join(lines) + "\r\n\r\n" + body).encode(), (self.a["host"], self.a["port"]))

    def sdp(self):
        port = self.rtp.getsockname()[1]
        return ("v=0\r\no=pb 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                "m=audio %d RTP/AVP %d 101\r\na=rtpmap:%d %s/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n") % (
            port, self.a["pt"], self.a["pt"], "PCMA" if self.a["pt"] == 8 else "PCMU")

    def answer_requests(self, data):
        """Callpost's BYE (or anything else it asks): 200 OK."""
        text = data.decode(errors="replace")
        head = text.split("\r\n\r\n", 1)[0].split("\r\n")
        if head[0].startswith("SIP/2.0"):
            return None
        keep = [h for h in head[1:] if re.match(r"(?i)(via|from|to|call-id|cseq):", h)]
        resp = "SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nContent-Length: 0\r\n\r\n"
        via = [h for h in head[1:] if h.lower().startswith("via:")]
        self.sip.sendto(resp.encode(), (self.a["host"], self.a["port"]))
        if head[0].startswith("BYE"):
            self.byes += 1
        return head[0]

    def invite(self):
        body = self.sdp()
        deadline = time.time() + 10
        next_send = 0
        while time.time() < deadline:
            if time.time() >= next_send:
                self.request("INVITE", 1, body)
                next_send = time.time() + 0.5
            try:
                data, _ = self.sip.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            m = re.match(r"SIP/2.0 (\d+)", text)
            if not m:
                self.answer_requests(data)
                continue
            code = int(m.group(1))
            if code < 200:
                next_send = time.time() + 5  # a provisional stops the retransmissions
                continue
            t = re.search(r"(?im)^(?:To|t):.*;tag=([^;\s>]+)", text)
            self.to_tag = t.group(1) if t else None
            self.request("ACK", 1)
            if code != 200:
                raise RuntimeError("INVITE answered %d" % code)
            port = re.search(r"(?m)^m=audio (\d+)", text)
            addr = re.search(r"(?m)^c=IN IP4 ([\d.]+)", text)
            self.remote_rtp = (addr.group(1) if addr else "127.0.0.1", int(port.group(1)))
            return
        raise RuntimeError("no answer to the INVITE")

    def bye(self):
        self.request("BYE", 2)
        end = time.time() + 3
        while time.time() < end:
            try:
                data, _ = self.sip.recvfrom(65535)
            except socket.timeout:
                continue
            if data.startswith(b"SIP/2.0 ") and b" BYE" in data:
                return
            self.answer_requests(data)

    # ------------------------------------------------------------------------------------ RTP
    def receive(self):
        while not self.stop:
            try:
                data, _ = self.rtp.recvfrom(2048)
            except socket.timeout:
                continue
            except OSError:
                return
            now = time.monotonic()
            if len(data) < 12:
                continue
            cc = data[0] & 0x0F
            with self.lock:
                self.packets.append((now, data[1] & 0x7F, data[12 + 4 * cc:]))

    def key(self, keys):
        """RFC 4733 events, 100 ms each; the time of the first packet of the last key."""
        first = None
        for ch in keys:
            event = "0123456789*#ABCD".index(ch)
            steps = 5
            for i in range(steps + 3):
                end = i >= steps
                duration = 160 * min(i + 1, steps)
                p = struct.pack("!BBHII", 0x80, (0x80 if i == 0 else 0) | 101, self.seq & 0xFFFF, self.ts, 0x0b0e0001)
                p += struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)
                self.seq += 1
                if i == 0:
                    first = time.monotonic()
                self.rtp.sendto(p, self.remote_rtp)
                time.sleep(0.02)
            self.ts += 160 * (steps + 6)
            time.sleep(0.06)
        return first

    def wait(self, test, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if test():
                return True
            time.sleep(0.01)
        return False

    def run(self):
        out = {"mailbox": self.mailbox, "line": self.line}
        receiver = threading.Thread(target=self.receive, daemon=True)
        receiver.start()
        table = self.a["table"]
        try:
            self.invite()
            # "Please enter your PIN": key it as the prompt starts
            if not self.wait(lambda: len(self.packets) > 0, 10):
                raise RuntimeError("no prompt after the answer")
            self.key(self.a["pin"] + "#")
            mark = len(self.packets)
            if not self.wait(lambda: len(self.packets) > mark, 10):
                raise RuntimeError("nothing said after the PIN")
            quiet = self.a["quiet_ms"] / 1000.0
            # the summary and the menu, until Callpost falls quiet
            if not self.wait(lambda: time.monotonic() - self.packets[-1][0] > quiet, 30):
                raise RuntimeError("the menu did not end")
            mark = len(self.packets)
            pressed = self.key("1")
            need = self.a["confirm_frames"] + 1
            found = {}
            state = {"at": mark, "run": 0, "prev": pressed}

            def message_heard():
                # incremental: each packet decoded once, however often this is asked
                with self.lock:
                    after = self.packets[state["at"]:]
                state["at"] += len(after)
                for t, pt, payload in after:
                    if t < pressed or pt != self.a["pt"]:
                        continue
                    found.setdefault("first", t)
                    if is_tone([table[b] for b in payload[:FRAME]], self.a["hz"]):
                        state["run"] += 1
                        if state["run"] == 1:
                            found["tone"] = t
                            found["before"] = state["prev"]
                        if state["run"] >= need:
                            return True
                    else:
                        state["run"] = 0
                    state["prev"] = t
                return False

            if not self.wait(message_heard, self.a["timeout"]):
                raise RuntimeError("the message's %d Hz was not heard within %d s" % (self.a["hz"], self.a["timeout"]))
            out["first_packet_ms"] = round(1000 * (found["first"] - pressed), 1)
            out["first_audio_ms"] = round(1000 * (found["tone"] - pressed), 1)
            # the envelope's last packet to the message's first: the audio opened and started (20 ms
            # when it follows on without a pause)
            out["envelope_to_audio_ms"] = round(1000 * (found["tone"] - found["before"]), 1)
            out["ok"] = True
        except Exception as e:  # noqa: BLE001 - a session's failure is reported, not fatal
            out["ok"] = False
            out["error"] = str(e)
        finally:
            try:
                if self.remote_rtp:
                    self.bye()
            finally:
                self.stop = True
                receiver.join(1)
                self.rtp.close()
                self.sip.close()
        return out


def check():
    """playback.py check: the message tone is told from the beep, speech and silence, through G.711."""
    import tempfile
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import callbench
    table = g711_decoder("alaw")
    encode = g711_encoder("alaw")
    folder = tempfile.mkdtemp()
    try:
        def frames_of(path):
            data = open(path, "rb").read()
            return [[table[b] for b in data[k:k + FRAME]] for k in range(0, len(data) - FRAME + 1, FRAME)]
        tone(os.path.join(folder, "t"), "alaw", 1700, 1)
        tone(os.path.join(folder, "b"), "alaw", 1000, 1)
        callbench.speech(os.path.join(folder, "s"), "alaw", 5)
        silence = [[table[encode(0)]] * FRAME] * 10
        found = {"tone": sum(is_tone(f, 1700) for f in frames_of(os.path.join(folder, "t"))),
                 "beep": sum(is_tone(f, 1700) for f in frames_of(os.path.join(folder, "b"))),
                 "speech": sum(is_tone(f, 1700) for f in frames_of(os.path.join(folder, "s"))),
                 "silence": sum(is_tone(f, 1700) for f in silence)}
    finally:
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        os.rmdir(folder)
    ok = found["tone"] == 50 and found["beep"] == 0 and found["speech"] == 0 and found["silence"] == 0
    print(json.dumps(dict(found, ok=ok)))
    print("%d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1


def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(math.ceil(p / 100.0 * len(v))) - 1))]


def summary(values):
    if not values:
        return {"n": 0, "median": None, "p95": None, "max": None, "min": None}
    return {"n": len(values), "median": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values), "min": min(values)}


def run(argv):
    a = {"host": "127.0.0.1", "port": 15060, "pilot": "99", "pin": "1234", "law": "alaw", "hz": 1700,
         "sip_port": 15070, "rtp_port": 65300, "concurrency": 1, "quiet_ms": 600, "confirm_frames": 5,
         "timeout": 20, "lines": [], "mailboxes": []}
    i = 0
    while i < len(argv):
        k = argv[i].lstrip("-").replace("-", "_")
        v = argv[i + 1]
        i += 2
        if k in ("lines", "mailboxes"):
            a[k] = v.split()
        elif k in ("port", "hz", "sip_port", "rtp_port", "concurrency", "quiet_ms", "confirm_frames", "timeout"):
            a[k] = int(v)
        else:
            a[k] = v
    a["pt"] = 8 if a["law"] == "alaw" else 0
    a["table"] = g711_decoder(a["law"])
    jobs = list(zip(a["lines"], a["mailboxes"]))
    results = [None] * len(jobs)
    nxt = [0]
    lock = threading.Lock()

    def worker(slot):
        while True:
            with lock:
                j = nxt[0]
                nxt[0] += 1
            if j >= len(jobs):
                return
            results[j] = Session(a, slot, jobs[j][0], jobs[j][1]).run()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(s,)) for s in range(a["concurrency"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = [r for r in results if r and r.get("ok")]
    print(json.dumps({
        "sessions": len(jobs), "concurrency": a["concurrency"], "ok": len(ok), "failed": len(jobs) - len(ok),
        "seconds": round(time.monotonic() - started, 1), "tone_hz": a["hz"], "quiet_ms": a["quiet_ms"],
        "first_audio_ms": summary([r["first_audio_ms"] for r in ok]),
        "first_packet_ms": summary([r["first_packet_ms"] for r in ok]),
        "envelope_to_audio_ms": summary([r["envelope_to_audio_ms"] for r in ok]),
        "errors": [[r["mailbox"], r.get("error")] for r in results if r and not r.get("ok")][:5],
    }))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "tone":
        tone(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]))
    elif len(sys.argv) > 1 and sys.argv[1] == "check":
        # the detector against what else Callpost plays: the 1000 Hz beep, speech-like sound, silence
        sys.exit(check())
    elif len(sys.argv) > 1 and sys.argv[1] == "run":
        run(sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
