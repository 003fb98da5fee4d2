#!/usr/bin/env python3
"""Helpers for bench/run's call benchmarks (standard library only).

  callbench.py tone FILE alaw|ulaw          1 s of a 440 Hz tone (-12 dBFS), raw G.711, for SIPp's rtp_stream
  callbench.py speech FILE alaw|ulaw SECONDS  SECONDS of speech-like sound (gliding pitch, syllables, every
                                            20 ms frame different from every other), raw G.711, for rtp_stream
  callbench.py frames STORE MARKER STREAM alaw|ulaw
                                            each message since MARKER against STREAM (what the caller sent,
                                            looped): found where it starts, then compared 20 ms frame by
                                            frame: whole, lost (silence) or garbled (anything else); JSON
  callbench.py wavs STORE SECONDS TOL [MARKER]  messages (STORE/<mailbox>/new/*.wav) written since MARKER:
                                            count, durations, how many are whole WAVs of SECONDS +/- TOL
                                            (a fraction), drafts left; JSON
  callbench.py rtp PCAP                     send-interval deviation of each RTP stream in a pcap (the
                                            packets Callpost sent): |interval - ptime| p50/p99/max; JSON
  callbench.py complete PCAP STORE MARKER MEDIA_BASE FIRST_MAILBOX MAILBOXES TOL_S
                                            each recording's length against the time from the end of the
                                            beep to the hang-up, both seen in the capture; JSON
  callbench.py thread-ticks PID SECONDS      CPU ticks of each thread of PID over SECONDS; JSON
  callbench.py thread-names PID FILE JCMD   those by Java thread name, percent of one core; JSON
  callbench.py histogram-diff IDLE BUSY N    two jcmd GC.class_histogram outputs: the classes that
                                            grew most, bytes and instances per call; JSON
  callbench.py gc LOG FROM TO               GC pauses in a -Xlog:gc log between uptimes FROM and TO (s),
                                            leaving out the explicit System.gc() of the heap measurement; JSON
  callbench.py sipp STATFILE                a SIPp -trace_stat CSV: last line's total/successful/failed
                                            calls and the setup (INVITE to 200) time distribution; JSON
"""
import array
import json
import math
import os
import re
import struct
import sys


def g711_encoder(law):
    seg_a = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]
    seg_u = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]

    def seg(v, table):
        for i, end in enumerate(table):
            if v <= end:
                return i
        return 8

    def alaw(pcm):
        pcm >>= 3
        if pcm >= 0:
            mask = 0xD5
        else:
            mask = 0x55
            pcm = -pcm - 1
        s = seg(pcm, seg_a)
        if s >= 8:
            return 0x7F ^ mask
        return ((s << 4) | ((pcm >> (1 if s < 2 else s)) & 0x0F)) ^ mask

    def ulaw(pcm):
        pcm >>= 2
        if pcm < 0:
            pcm, mask = -pcm, 0x7F
        else:
            mask = 0xFF
        pcm = min(pcm, 8159) + 33
        s = seg(pcm, seg_u)
        if s >= 8:
            return 0x7F ^ mask
        return ((s << 4) | ((pcm >> (s + 1)) & 0x0F)) ^ mask

    return alaw if law == "alaw" else ulaw


def g711_decoder(law):
    """The G.711 expansion (ITU-T G.711 / Sun g711.c), as a 256-entry table."""
    def alaw(a):
        a ^= 0x55
        t = (a & 0x0F) << 4
        seg = (a & 0x70) >> 4
        if seg == 0:
            t += 8
        elif seg == 1:
            t += 0x108
        else:
            t = (t + 0x108) << (seg - 1)
        return t if a & 0x80 else -t

    def ulaw(u):
        u = ~u & 0xFF
        t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
        return 0x84 - t if u & 0x80 else t - 0x84
    f = alaw if law == "alaw" else ulaw
    return [f(b) for b in range(256)]


def tone(path, law):
    encode = g711_encoder(law)
    data = bytes(encode(int(8000 * math.sin(2 * math.pi * 440 * n / 8000))) for n in range(8000))
    with open(path, "wb") as f:
        f.write(data)


def speech(path, law, seconds):
    """Speech-like: a voice whose pitch glides at random between 90 and 260 Hz with three harmonics,
    syllables 4-7 a second whose level never falls to silence, and a little noise; deterministic.
    Unlike a steady tone, frames out of order, repeated or shifted are visible."""
    encode = g711_encoder(law)
    rnd = 4733
    out = bytearray()
    phase = 0.0
    pitch = 150.0
    target = 150.0
    syllable = 0.0
    rate = 5.0
    for n in range(int(seconds) * 8000):
        if n % 400 == 0:  # every 50 ms a new pitch target
            rnd = (rnd * 1103515245 + 12345) & 0x7FFFFFFF
            target = 90 + (rnd % 170)
            rate = 4 + (rnd >> 8) % 4
        pitch += (target - pitch) * 0.002
        phase += 2 * math.pi * pitch / 8000
        syllable += 2 * math.pi * rate / 8000
        level = 0.35 + 0.65 * abs(math.sin(syllable))
        rnd = (rnd * 1103515245 + 12345) & 0x7FFFFFFF
        noise = ((rnd >> 16) % 2001 - 1000) / 1000.0
        v = level * (math.sin(phase) + 0.5 * math.sin(2 * phase) + 0.25 * math.sin(3 * phase)) + 0.05 * noise
        out.append(encode(int(max(-32000, min(32000, 6000 * v)))))
    with open(path, "wb") as f:
        f.write(bytes(out))


def frames(store, marker, stream, law):
    """Every message since MARKER, frame by frame against the looped stream the caller sent."""
    table = g711_decoder(law)
    with open(stream, "rb") as f:
        sent = f.read()
    frame = 160
    count = len(sent) // frame
    pcm = [array.array("h", [table[b] for b in sent[k * frame:(k + 1) * frame]]) for k in range(count)]
    index = {}
    for k, fr in enumerate(pcm):
        index.setdefault(fr.tobytes(), k)
    since = os.path.getmtime(marker)
    totals = {"messages": 0, "aligned": 0, "frames": 0, "whole": 0, "lost": 0, "garbled": 0, "inserted": 0, "repeated": 0}
    worst = []
    for root, _, files in os.walk(store):
        if os.path.basename(root) != "new":
            continue
        for name in files:
            path = os.path.join(root, name)
            if not name.endswith(".wav") or os.path.getmtime(path) < since:
                continue
            totals["messages"] += 1
            rec = array.array("h")
            with open(path, "rb") as f:
                f.seek(44)
                rec.frombytes(f.read())
            if sys.byteorder != "little":
                rec.byteswap()
            start, first = None, None
            # the first frame found in the stream, at any sample offset within the first second
            for at in range(0, min(len(rec) - frame, 8000)):
                k = index.get(rec[at:at + frame].tobytes())
                if k is not None:
                    start, first = at, k
                    break
            if start is None:
                worst.append([os.path.relpath(path, store), "no frame of the stream found"])
                continue
            totals["aligned"] += 1
            # walk the message: a frame is the next one sent (whole), silence, or another frame of
            # the stream (the message skipped or repeated some: re-synchronised there) or garbage
            whole = lost = garbled = inserted = repeated = 0
            pos = first
            silent = 0
            pending_garbled = 0
            for at in range(start, len(rec) - frame + 1, frame):
                got = rec[at:at + frame]
                if got == pcm[pos % count]:
                    whole += 1
                    lost += silent  # silence where a frame was: lost in place
                    garbled += pending_garbled
                    silent = pending_garbled = 0
                    pos += 1
                    continue
                if max(got) - min(got) < 64:
                    silent += 1
                    pos += 1
                    continue
                k = index.get(got.tobytes())
                if k is None:
                    pending_garbled += 1
                    pos += 1
                    continue
                # resynchronise: frames [pos - silent - pending, k) of the stream are not in the message
                was = pos - silent - pending_garbled
                delta = (k - was) % count
                gap = silent + pending_garbled
                if delta > count // 2:
                    delta -= count  # behind: frames repeated
                lost += max(0, delta)
                repeated += max(0, -delta)
                inserted += max(0, gap - max(0, delta))
                garbled += pending_garbled if delta >= gap else 0
                silent = pending_garbled = 0
                whole += 1
                pos = k + 1
            # silence or garbage after the caller's last frame (the hang-up) is not counted
            totals["inserted"] += inserted
            totals["repeated"] += repeated
            totals["frames"] += whole + lost + garbled
            totals["whole"] += whole
            totals["lost"] += lost
            totals["garbled"] += garbled
            if lost or garbled or inserted or repeated:
                worst.append([os.path.relpath(path, store), {"lost": lost, "garbled": garbled, "inserted": inserted,
                                                             "repeated": repeated, "from": start}])
    totals["examples"] = worst[:5]
    print(json.dumps(totals))


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(math.ceil(p / 100.0 * len(sorted_values))) - 1))
    return sorted_values[k]


def silent_frames(path, frame):
    """20 ms frames of (near) silence: the caller streams a tone throughout, so each is audio lost."""
    samples = array.array("h")
    with open(path, "rb") as f:
        f.seek(44)
        samples.frombytes(f.read())
    if sys.byteorder != "little":
        samples.byteswap()
    silent = 0
    for i in range(0, len(samples) - frame + 1, frame):
        chunk = samples[i:i + frame]
        if max(chunk) - min(chunk) < 400:
            silent += 1
    return silent


def wavs(folder, seconds, tolerance, marker=None):
    """Messages (<mailbox>/new/*.wav) written since MARKER's time; drafts left over count as missing."""
    since = os.path.getmtime(marker) if marker else 0
    durations = []
    drafts = 0
    gaps = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".wav"):
                continue
            path = os.path.join(root, name)
            if os.path.getmtime(path) < since:
                continue
            kind = os.path.basename(root)
            if kind == "drafts":
                drafts += 1
                continue
            if kind != "new":
                continue
            with open(path, "rb") as f:
                header = f.read(44)
            size = os.path.getsize(path)
            if len(header) < 44 or header[0:4] != b"RIFF" or header[8:12] != b"WAVE":
                durations.append((path, -1.0))
                continue
            channels, rate = struct.unpack_from("<HI", header, 22)
            bits = struct.unpack_from("<H", header, 34)[0]
            data = struct.unpack_from("<I", header, 40)[0]
            if data != size - 44:  # header and file disagree: not a finished recording
                durations.append((path, -1.0))
                continue
            durations.append((path, data / float(rate * channels * bits // 8)))
            if bits == 16 and channels == 1:
                gaps += silent_frames(path, rate // 50)
    values = sorted(d for _, d in durations)
    lo, hi = seconds * (1 - tolerance), seconds * (1 + tolerance)
    bad = [(p, d) for p, d in durations if not lo <= d <= hi]
    print(json.dumps({
        "count": len(values), "complete": len(values) - len(bad), "drafts_left": drafts,
        "silent_frames": gaps,
        "min_s": round(values[0], 3) if values else None,
        "p50_s": round(percentile(values, 50), 3) if values else None,
        "max_s": round(values[-1], 3) if values else None,
        "expected_s": seconds, "tolerance": tolerance,
        "incomplete_examples": [[os.path.relpath(p, folder), round(d, 3)] for p, d in bad[:5]],
    }))


# G.711 silence and the codes next to it (A-law 0xD5/0x55, mu-law 0xFF/0x7F, +/- 1 step)
SILENCE = {0xD5, 0x55, 0xD4, 0x54, 0xD7, 0x57, 0xFF, 0x7F, 0xFE, 0x7E}


def read_rtp(pcap):
    """Reads a classic pcap (Ethernet or Linux cooked) of UDP/RTP; streams keyed by source port + SSRC.
    Also, per source port, the time of the last packet with sound in its first payload bytes (the
    end of the beep: Callpost sends nothing, or silence, while it records) and of the last packet;
    packets from an odd port are RTCP: only their time is kept (the last is the BYE at hang-up)."""
    streams, sound, ends = {}, {}, {}
    with open(pcap, "rb") as f:
        magic = f.read(24)
        if len(magic) < 24:
            return streams, sound, ends
        endian = "<" if struct.unpack("<I", magic[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        nano = struct.unpack(endian + "I", magic[:4])[0] == 0xA1B23C4D
        linktype = struct.unpack(endian + "I", magic[20:24])[0]
        link_bytes = {1: 14, 113: 16, 276: 20, 0: 4}.get(linktype, 14)
        divisor = 1e9 if nano else 1e6
        while True:
            record = f.read(16)
            if len(record) < 16:
                break
            sec, frac, incl, _ = struct.unpack(endian + "IIII", record)
            data = f.read(incl)
            ip = link_bytes
            if len(data) < ip + 20 or data[ip] >> 4 != 4:
                continue
            ihl = (data[ip] & 0x0F) * 4
            udp = ip + ihl
            rtph = udp + 8
            if len(data) < rtph + 12 or data[ip + 9] != 17:
                continue
            sport = struct.unpack_from(">H", data, udp)[0]
            if sport % 2 == 1:
                ends[sport] = sec + frac / divisor  # RTCP
                continue
            seq = struct.unpack_from(">H", data, rtph + 2)[0]
            ts = struct.unpack_from(">I", data, rtph + 4)[0]
            ssrc = struct.unpack_from(">I", data, rtph + 8)[0]
            t = sec + frac / divisor
            streams.setdefault((sport, ssrc), []).append((t, seq, ts))
            payload = data[rtph + 12:]
            if payload and any(b not in SILENCE for b in payload):
                sound[sport] = t  # the last packet with sound: the end of the beep
            ends[sport] = t
    return streams, sound, ends


def rtp(pcap):
    streams, _, _ = read_rtp(pcap)
    packets = sum(len(v) for v in streams.values())
    deviations = []
    gaps = 0
    pauses = 0
    worst = None
    for key, items in streams.items():
        items.sort(key=lambda x: (x[0]))
        for (t0, s0, ts0), (t1, s1, ts1) in zip(items, items[1:]):
            if (s1 - s0) & 0xFFFF != 1:
                gaps += 1  # a packet not sent or not captured: not an interval
                continue
            if (ts1 - ts0) & 0xFFFFFFFF != 160:
                pauses += 1  # the first packet after a pause in what is played (nothing sent meanwhile)
                continue
            d = abs((t1 - t0) * 1000.0 - 20.0)
            deviations.append(d)
            if worst is None or d > worst[0]:
                worst = (d, key[0], t1)
    if os.environ.get("RTP_DETAIL"):
        per_second = {}
        for key, items in streams.items():
            for (t0, s0, ts0), (t1, s1, ts1) in zip(items, items[1:]):
                if (s1 - s0) & 0xFFFF == 1 and (ts1 - ts0) & 0xFFFFFFFF == 160:
                    d = abs((t1 - t0) * 1000.0 - 20.0)
                    b = per_second.setdefault(int(t1), [0, 0, 0.0])
                    b[0] += 1
                    b[1] += d > 2.0
                    b[2] = max(b[2], d)
        first = min(per_second) if per_second else 0
        for sec in sorted(per_second):
            n, over, mx = per_second[sec]
            sys.stderr.write("t+%3d s: %6d intervals, %5d > 2 ms, max %.1f ms\n" % (sec - first, n, over, mx))
    deviations.sort()
    print(json.dumps({
        "packets": packets, "streams": len(streams), "intervals": len(deviations), "sequence_gaps": gaps, "pauses": pauses,
        "p50_ms": round(percentile(deviations, 50), 3) if deviations else None,
        "p99_ms": round(percentile(deviations, 99), 3) if deviations else None,
        "p999_ms": round(percentile(deviations, 99.9), 3) if deviations else None,
        "max_ms": round(deviations[-1], 3) if deviations else None,
        "over_2ms": sum(1 for d in deviations if d > 2.0),
    }))


def complete(pcap, store, marker, media_base, first_mailbox, mailboxes, tolerance):
    """Each recording against what the caller said into it: from the end of the beep Callpost sent
    to the last packet it sent (its RTCP BYE when the call ends; while it records it sends no RTP),
    both from the capture. Line i (media port base + 10 i)
    left its k-th message of the step in mailbox first + i % mailboxes (lines are called in order)."""
    _, sound, ends = read_rtp(pcap)
    since = os.path.getmtime(marker)
    by_mailbox = {}
    for m in range(first_mailbox, first_mailbox + mailboxes):
        folder = os.path.join(store, str(m), "new")
        if os.path.isdir(folder):
            names = sorted(n for n in os.listdir(folder)
                           if n.endswith(".wav") and os.path.getmtime(os.path.join(folder, n)) >= since)
            by_mailbox[m] = [os.path.join(folder, n) for n in names]
    lines = sorted((port - media_base) // 10 for port in ends if (port - media_base) % 10 == 0)
    hang_up = {port: max(ends[port], ends.get(port + 1, 0)) for port in ends if port % 2 == 0}
    errors, missing, unmatched = [], 0, 0
    for line in lines:
        port = media_base + 10 * line
        m = first_mailbox + line % mailboxes
        k = line // mailboxes
        files = by_mailbox.get(m, [])
        if k >= len(files):
            missing += 1
            continue
        if port not in sound:
            unmatched += 1
            continue
        expected = hang_up[port] - sound[port]
        size = os.path.getsize(files[k]) - 44
        errors.append((size / 16000.0 - expected, files[k]))
    within = sum(1 for e, _ in errors if abs(e) <= tolerance)
    values = sorted(e for e, _ in errors)
    print(json.dumps({
        "calls_captured": len(lines), "matched": len(errors), "missing": missing, "no_beep_seen": unmatched,
        "within_tolerance": within, "tolerance_s": tolerance,
        "error_s_min": round(values[0], 3) if values else None,
        "error_s_p50": round(percentile(values, 50), 3) if values else None,
        "error_s_max": round(values[-1], 3) if values else None,
    }))


def thread_ticks(pid, seconds):
    """CPU ticks of each of a process's threads over SECONDS; JSON {tid: ticks}."""
    import time

    def ticks():
        out = {}
        for tid in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                out[int(tid)] = int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return out

    before = ticks()
    time.sleep(seconds)
    after = ticks()
    print(json.dumps({"seconds": seconds, "ticks": {str(t): v - before.get(t, 0) for t, v in after.items()
                                                    if v - before.get(t, 0) > 0}}))


def thread_names(pid, ticks_file, jcmd):
    """thread-ticks' figures by Java thread name, percent of one core (jcmd Thread.print maps the
    native ids: /proc cuts names to 15 characters). Run it when a safepoint no longer matters."""
    import subprocess
    data = json.load(open(ticks_file))
    names = {}
    dump = subprocess.run([jcmd, str(pid), "Thread.print"], capture_output=True, text=True).stdout
    for m in re.finditer(r'^"([^"]+)".* nid=0x([0-9a-f]+)', dump, re.M):
        names[int(m.group(2), 16)] = m.group(1)
    hz = os.sysconf("SC_CLK_TCK")
    groups = {}
    for tid, used in data["ticks"].items():
        name = names.get(int(tid), "(GC, JIT and other VM threads)")
        if not name.startswith("callpost-media-clock"):
            name = re.sub(r"\d+", "N", name)
        groups[name] = groups.get(name, 0) + used
    total = sum(groups.values())
    top = sorted(groups.items(), key=lambda x: -x[1])[:12]
    scale = 100.0 / hz / data["seconds"]
    print(json.dumps({"total_percent": round(total * scale, 1),
                      "threads": [[n, round(v * scale, 1)] for n, v in top]}))


def histogram_diff(idle, busy, calls):
    """Two `jcmd GC.class_histogram` outputs: the classes that grew most, in bytes per call."""
    def read(path):
        out = {}
        for line in open(path):
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if m:
                out[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        return out
    a, b = read(idle), read(busy)
    grown = sorted(((b[k][1] - a.get(k, (0, 0))[1], b[k][0] - a.get(k, (0, 0))[0], k) for k in b), reverse=True)
    print(json.dumps([[k, round(bytes_ / float(calls)), round(n / float(calls), 2)] for bytes_, n, k in grown[:12]]))


def gc(log, t_from, t_to):
    pauses = []
    pattern = re.compile(r"^\[([0-9.]+)s\].*Pause (.*?) ([0-9.]+)ms$")
    with open(log) as f:
        for line in f:
            m = pattern.match(line.strip())
            if not m:
                continue
            t = float(m.group(1))
            if t_from <= t <= t_to and "System.gc()" not in m.group(2):
                pauses.append((float(m.group(3)), m.group(2)))
    values = sorted(p for p, _ in pauses)
    print(json.dumps({
        "pauses": len(values), "total_ms": round(sum(values), 1),
        "p50_ms": round(percentile(values, 50), 2) if values else None,
        "max_ms": round(values[-1], 2) if values else None,
        "kinds": sorted(set(re.sub(r"\s+\d+M->.*", "", k) for _, k in pauses)),
    }))


def sipp(statfile):
    with open(statfile) as f:
        rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
    head, last = rows[0], rows[-1]
    col = {name: i for i, name in enumerate(head)}

    def val(name):
        return last[col[name]] if name in col and col[name] < len(last) else ""

    def count(name):
        v = val(name)
        return int(v) if v.isdigit() else 0

    def millis(name):  # SIPp writes times as HH:MM:SS:microseconds
        parts = val(name).split(":")
        if len(parts) != 4:
            return None
        h, m, s, us = (int(x) for x in parts)
        return round((h * 3600 + m * 60 + s) * 1000 + us / 1000.0, 1)

    out = {
        "total": count("TotalCallCreated"),
        "successful": count("SuccessfulCall(C)"),
        "failed": count("FailedCall(C)"),
        "failed_max_udp_retrans": count("FailedMaxUDPRetrans(C)"),
        "failed_unexpected_message": count("FailedUnexpectedMessage(C)"),
        "failed_call_rejected": count("FailedCallRejected(C)"),
        "failed_timeout_on_recv": count("FailedTimeoutOnRecv(C)"),
        "retransmissions": count("Retransmissions(C)"),
        "setup_ms_mean": millis("ResponseTimesetup(C)"),
        "setup_ms_stdev": millis("ResponseTimesetupStDev(C)"),
    }
    # INVITE-to-200 times over the whole run (SIPp's repartition: < 50 ms, < 100 ms, ...)
    prefix = "ResponseTimeRepartitionsetup_"
    out["setup_ms_distribution"] = {k[len(prefix):]: int(last[i] or 0) for k, i in col.items()
                                    if k.startswith(prefix) and i < len(last)}
    print(json.dumps(out))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "tone":
        tone(sys.argv[2], sys.argv[3])
    elif cmd == "speech":
        speech(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif cmd == "frames":
        frames(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    elif cmd == "wavs":
        wavs(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    elif cmd == "rtp":
        rtp(sys.argv[2])
    elif cmd == "complete":
        complete(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]),
                 float(sys.argv[8]))
    elif cmd == "thread-ticks":
        thread_ticks(int(sys.argv[2]), float(sys.argv[3]))
    elif cmd == "thread-names":
        thread_names(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif cmd == "histogram-diff":
        histogram_diff(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "gc":
        gc(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
    elif cmd == "sipp":
        sipp(sys.argv[2])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
