#!/usr/bin/env python3
"""bench/run's report: merges the sections a run measured into bench/results/<date>.json and writes
the .md beside it from the whole JSON.

  report.py WORK OUT [--fresh]     WORK/section-*.json + WORK/machine.json -> OUT.json, OUT.md
                                   (sections already in OUT.json and not measured now are kept,
                                   unless --fresh)
  report.py --smoke-verdict FILE   exit 1 on failed calls, missing or incomplete recordings, or any lost or
                                   garbled 20 ms frame
"""
import glob
import json
import os
import statistics
import sys


def smoke_verdict(path):
    d = json.load(open(path))
    s, r = d["sipp"], d["recordings"]
    problems = []
    if s["failed"] or s["successful"] != d["calls"]:
        problems.append("%d of %d calls succeeded, %d failed" % (s["successful"], d["calls"], s["failed"]))
    if r["count"] != d["calls"]:
        problems.append("%d recordings for %d calls" % (r["count"], d["calls"]))
    if r["complete"] != r["count"] or r["drafts_left"]:
        problems.append("%d incomplete recordings (%s), %d drafts left" % (
            r["count"] - r["complete"], r["incomplete_examples"], r["drafts_left"]))
    f = d.get("frames")
    if f is not None and (f["aligned"] != f["messages"] or f["lost"] or f["garbled"] or f.get("inserted")
                          or f.get("repeated")):
        problems.append("frames: %d of %d messages found in what the callers said; of %d 20 ms frames %d lost, "
                        "%d garbled, %d repeated, and %d of silence inserted (%s)" % (
                            f["aligned"], f["messages"], f["frames"], f["lost"], f["garbled"], f.get("repeated", 0),
                            f.get("inserted", 0), f["examples"]))
    if problems:
        print("SMOKE FAILED: " + "; ".join(problems))
        return 1
    print("smoke passed: %d calls, %d complete recordings (%.2f-%.2f s), %s, %d s in all" % (
        d["calls"], r["complete"], r["min_s"], r["max_s"],
        "%d frames all whole" % f["frames"] if f is not None else "frames not compared", d["seconds_total"]))
    return 0


def fmt(v, unit=""):
    return "-" if v is None else "%s%s" % (v, unit)


def num(v):
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return "%.4g" % v
    return str(v)


def agg(rows, get):
    """median (min-max) of get(row) over the runs; just the value when they agree or there is one"""
    values = []
    for r in rows:
        try:
            v = get(r)
        except (KeyError, TypeError):
            v = None
        if v is not None:
            values.append(v)
    if not values:
        return "-"
    lo, hi = min(values), max(values)
    med = statistics.median(values)
    if lo == hi:
        return num(lo)
    return "%s (%s-%s)" % (num(med), num(lo), num(hi))


def groups(rows, key):
    """rows grouped by key, in the order of each key's first row"""
    out = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return list(out.items())


def captured(c):
    """a step run with the tshark capture (the timing step; before it, every concurrency step)"""
    return c.get("capture", "rtp_send_interval_deviation" in c)


def record_seconds(c):
    return c.get("record_seconds", c["recordings"].get("expected_s"))


def per_call(c):
    v = c.get("callpost_cpu_percent_per_call")
    if v is None and c.get("callpost_cpu_percent_of_one_core") is not None:
        v = c["callpost_cpu_percent_of_one_core"] / float(c["calls"])
    return v


def frames_cell(rows):
    if not any(r.get("frames") for r in rows):
        return "-"
    f = lambda k: agg(rows, lambda r: r["frames"][k])
    return "%s / %s / %s / %s, %s (%s of %s)" % (f("whole"), f("lost"), f("garbled"), f("repeated"), f("inserted"),
                                                 f("aligned"), f("messages"))


def rate_whole(r):
    s, rec, f = r["sipp"], r["recordings"], r.get("frames")
    return (s["failed"] == 0 and s["successful"] == r["calls"] and rec["count"] - rec.get("drafts_left", 0) == r["calls"]
            and (f is None or (rec["complete"] == rec["count"] and f["aligned"] == f["messages"]
                               and not f["lost"] and not f["garbled"])))


def store_md(st):
    """bench/run --store: the file store against PostgreSQL, measured back to back in one run."""
    out = ["## The message store: file against PostgreSQL (`bench/run --store`)", "",
           "One Karaf per store, back to back; PostgreSQL a private cluster on loopback (fsync on). "
           "Load average (1, 5, 15 min) before: %s, after: %s." % (st.get("load_before"), st.get("load_after")), "",
           "### Deposits", "",
           "Forwarded calls, each leaving 2 s of message after the greeting and beep, %s s per rate; stored: counted "
           "from the store (message files, or `SELECT count(*)` of rows); whole: every 20 ms frame the caller sent "
           "found in order (PostgreSQL's audio read back with psql). CPU per deposit over the whole step." % (
               ", ".join(str(s["deposit_seconds"]) for s in st["stores"][:1]) or "?"), "",
           "| Store | Rate /s | Calls | Failed | Stored | Whole | Callpost CPU per deposit | PostgreSQL CPU per deposit |",
           "|---|---|---|---|---|---|---|---|"]
    for s in st["stores"]:
        for r in s["deposit"]:
            f = r["frames"]
            whole = "%d aligned, %d complete; %d frames lost, %d garbled" % (
                f["aligned"], r["recordings"]["complete"], f["lost"], f["garbled"])
            out.append("| %s | %d | %d | %d | %d | %s | %.1f ms | %s |" % (
                s["store"], r["rate"], r["calls"], r["sipp"]["failed"], r["stored"], whole,
                1000 * r["callpost_cpu_seconds_per_call"],
                "%.1f ms" % (1000 * r["postgres_cpu_seconds_per_deposit"]) if r.get("postgres_cpu_seconds_per_deposit") is not None else "-"))
    def lost_nothing(r):
        f = r["frames"]
        return (r["sipp"]["failed"] == 0 and r["sipp"]["successful"] == r["calls"] and r["stored"] == r["calls"]
                and f["messages"] == r["calls"] and f["aligned"] == f["messages"] and not (f["lost"] or f["garbled"]))

    def best(s):
        tried = [r["rate"] for r in s["deposit"]]
        good = [r["rate"] for r in s["deposit"] if lost_nothing(r)]
        b = max(good) if good else 0
        long_ = ["%d of %d messages at %d/s outside 2 s +/- 25 %% (%s)" % (
            r["recordings"]["count"] - r["recordings"]["complete"], r["recordings"]["count"], r["rate"],
            ", ".join("%s s" % d for _, d in r["recordings"]["incomplete_examples"]))
            for r in s["deposit"] if r["recordings"]["complete"] != r["recordings"]["count"]]
        return "%s %s/s%s%s" % (s["store"], b, " (the highest rate tried: at least that)" if tried and b == max(tried) else "",
                                "; " + "; ".join(long_) if long_ else "")
    out += ["", "Highest rate that lost nothing (every call answered, every message stored, every frame the caller "
        "sent in it): " + "; ".join(best(s) for s in st["stores"]) +
        ". A deposit is the whole forwarded "
        "call (%s ms of greeting and beep, then 2 s of message), and its CPU is the step's CPU over its calls, "
        "idle time of the step included." % st["stores"][0]["greeting_and_beep_ms"] if st["stores"] else "", "",
        "CPU seconds of each step (Callpost, PostgreSQL, SIPp; the machine's busy time from /proc/stat, both cores, "
        "other engineers' builds included, which in this VM is at times below the processes' own sum, so only a "
        "hint): " + "; ".join("%s %d/s %s, %s, %s; %s" % (
            s["store"], r["rate"], r["callpost_cpu_seconds"], r.get("postgres_cpu_seconds") if r.get("postgres_cpu_seconds") is not None else "-",
            r["sipp_cpu_seconds"], r["machine_cpu_seconds"]) for s in st["stores"] for r in s["deposit"]) + ".", "",
        "### Time to the first audio of a message played back", "",
        "A subscriber's own extension calls a line, keys the PIN, waits until the summary and the menu have "
        "played (no RTP for 600 ms), and keys 1. From the first RTP event packet of that 1 to the first 20 ms "
        "frame of the message's own audio (a 1700 Hz tone no prompt has; the envelope, \"message 1 ...\", "
        "plays before it), to the first packet of anything (the envelope starting: the store has listed the "
        "mailbox's new messages), and from the envelope's last packet to the message's first (the store opening "
        "the audio; 20 ms, the packet interval, when it follows on without a pause). Each logon's mailbox holds "
        "one new message, left by an anonymous caller just before. The envelope says the time of day the "
        "message was left, so its length (and the first audio) differs by the words of that time between runs "
        "minutes apart; the first packet is sent on the media clock's next 20 ms tick.", "",
        "| Store | Logons | At once | OK | First audio median | p95 | max | First packet median | p95 | max | Envelope to audio median | p95 | max |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in st["stores"]:
        for key in ("playback_sequential", "playback_concurrent"):
            p = s.get(key)
            if not p:
                continue
            a, b, c = p["first_audio_ms"], p["first_packet_ms"], p.get("envelope_to_audio_ms") or {}
            out.append("| %s | %d | %d | %d | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms |" % (
                s["store"], p["sessions"], p["concurrency"], p["ok"], a["median"], a["p95"], a["max"],
                b["median"], b["p95"], b["max"], c.get("median"), c.get("p95"), c.get("max")))
    by = {s["store"]: s for s in st["stores"]}
    if "file" in by and "postgres" in by:
        f, g = by["file"], by["postgres"]
        out += ["", "PostgreSQL / file, same run:", ""]

        def ratio(a, b):
            return "%.2f" % (a / b) if a is not None and b else "-"
        fr = {r["rate"]: r for r in f["deposit"]}
        for r in g["deposit"]:
            if r["rate"] in fr:
                out.append("- deposits at %d/s: Callpost CPU per deposit %s" % (
                    r["rate"], ratio(r["callpost_cpu_seconds_per_call"], fr[r["rate"]]["callpost_cpu_seconds_per_call"])))
        for key in ("playback_sequential", "playback_concurrent"):
            if f.get(key) and g.get(key):
                a, b = g[key]["first_audio_ms"], f[key]["first_audio_ms"]
                out.append("- first audio, %d at once: median %s, p95 %s, max %s" % (
                    g[key]["concurrency"], ratio(a["median"], b["median"]), ratio(a["p95"], b["p95"]), ratio(a["max"], b["max"])))
                a, b = g[key]["first_packet_ms"], f[key]["first_packet_ms"]
                out.append("- first packet after the key, %d at once: median %s, p95 %s, max %s" % (
                    g[key]["concurrency"], ratio(a["median"], b["median"]), ratio(a["p95"], b["p95"]), ratio(a["max"], b["max"])))
    out.append("")
    return out


def md(d):
    m = d.get("machine", {})
    out = ["# Callpost benchmarks, %s" % m.get("date", "?"), "",
           "Machine: %s cores, %s; %s. SIPp %s as the PBX on loopback." % (
               m.get("cores"), m.get("cpu"), m.get("java"), m.get("sipp")), ""]
    reg = d.get("registration")
    if reg:
        n = reg["lines"]
        out += ["## Registration (%d lines, digest checked by SIPp's verifyauth)" % n, "",
                "| Transport | Registered | Time to all registered | Callpost CPU |", "|---|---|---|---|"]
        for t in ("tcp", "udp"):
            r = reg[t]
            out.append("| %s | %s / %d | %s s | %s s |" % (t.upper(), r["registered"], n,
                                                         r["seconds_to_all_registered"], r["callpost_cpu_seconds"]))
        out += ["", "Time is from the configuration file appearing in etc/ to callpost:status showing every line",
                "registered (polled through bin/client, about 0.5-1 s resolution).", ""]
    calls = d.get("calls")
    if calls:
        out += ["## Calls", "",
                "SIPp as the PBX forwards calls (UDP) to Callpost's lines (registered over TCP): INVITE to a line with SDP (one codec, "
                "PCMA unless said) and `Diversion: <sip:MAILBOX@127.0.0.1>;reason=no-answer;counter=1` naming one of "
                "%d mailboxes in turn; Callpost answers after `incomingOffHookDelay = %d` ms, plays the system "
                "greeting and the beep (%d ms from the ACK, measured by a calibration call) and records; the caller "
                "streams speech from the answer and hangs up when the wanted length has been recorded. %d lines. "
                "Message-waiting lamps off (`org.callpost.mwi` integration set to none), mailbox limits raised, "
                "registration period 3600 s." % (calls["mailboxes"], calls["incoming_off_hook_delay_ms"],
                                                   calls["greeting_and_beep_ms"], calls["lines"]), ""]
        runs = calls.get("runs", 1)
        out += ["Steps with several runs: each figure is the median of the runs, with (min-max) when they "
                "differ; %s run(s) of each rate, concurrency and prompts step, one of each timing step." % runs, ""]
        if calls.get("rate"):
            out += ["### Call rate (full voicemail calls: greeting, beep, 2 s of message; %d s per rate)"
                    % calls["rate"][0]["seconds"], "",
                    "| Rate (calls/s) | Runs | Calls | Up at once (rate x hold) | Failed | Retransmissions "
                    "| INVITE to 200 mean | Messages present | Whole WAVs (2 s +/- 25 %) "
                    "| Frames whole / lost / garbled / repeated, silence inserted (messages aligned) "
                    "| Callpost CPU | Callpost CPU per call | Callpost per call up at once (% of one core) "
                    "| SIPp CPU |",
                    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
            best = None
            for key, rs in groups(calls["rate"], lambda r: r["rate"]):
                r0 = rs[0]
                out.append("| %d | %d | %d | ~%d | %s | %s | %s ms | %s of %d | %s | %s | %s s in %s s | %s s "
                           "| %s %% | %s s |" % (
                               key, len(rs), r0["calls"], r0["peak_concurrent_estimate"],
                               agg(rs, lambda r: r["sipp"]["failed"]),
                               agg(rs, lambda r: r["sipp"]["retransmissions"]),
                               agg(rs, lambda r: r["sipp"]["setup_ms_mean"]),
                               agg(rs, lambda r: r["recordings"]["count"] - r["recordings"].get("drafts_left", 0)),
                               r0["calls"], agg(rs, lambda r: r["recordings"]["complete"]),
                               frames_cell(rs),
                               agg(rs, lambda r: r["callpost_cpu_seconds"]), agg(rs, lambda r: r["wall_seconds"]),
                               agg(rs, lambda r: r.get("callpost_cpu_seconds_per_call")),
                               agg(rs, lambda r: r.get("callpost_cpu_percent_per_call_up")),
                               agg(rs, lambda r: r.get("sipp_cpu_seconds"))))
                if all(rate_whole(r) for r in rs):
                    best = key if best is None else max(best, key)
            hold_s = (calls["greeting_and_beep_ms"] + 2000) / 1000.0
            out += ["", "Highest rate with zero failed calls and every message present and whole in every run: "
                    "**%s calls/s**. Each call holds a line for the greeting, the beep and 2 s of recording "
                    "(%.1f s), so a rate keeps rate x %.1f calls up at once; rates needing more than %d lines "
                    "(one integration's limit is 2,000) are not run, and a rate with a failed call or a message "
                    "missing or not whole (frames lost or garbled) ends the series. Callpost CPU: "
                    "/proc/<pid>/stat over the whole step (calls set up, then drained); per call: CPU seconds / "
                    "calls; per call up at once: CPU seconds / (calls x hold), i.e. the %% of one core over the "
                    "step's seconds divided by rate x hold. SIPp CPU: its /proc/<pid>/stat, sampled every 0.5 s "
                    "until it exits. Frames: as in the concurrency steps below." % (
                        fmt(best), hold_s, hold_s, calls["lines"]), ""]
        conc = [c for c in calls.get("concurrency") or [] if not captured(c)]
        if conc:
            out += ["### Concurrency (N calls recording at once; no capture running)", "",
                    "| Calls | Set up at | Recorded | Runs | Failed | Active seen | Recordings present "
                    "| Whole WAVs (+/- 1 %) | Frames whole / lost / garbled / repeated, silence inserted "
                    "(messages aligned) | Callpost CPU (of one core) | Callpost CPU per call | SIPp CPU "
                    "| Whole machine | GC pauses (count, total, max) |",
                    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
            for (n, rate), cs in groups(conc, lambda c: (c["calls"], c["setup_rate"])):
                out.append("| %d | %d/s | %s s | %d | %s | %s | %s of %d | %s | %s | %s %% | %s %% | %s %% | %s %% "
                           "| %s, %s ms, %s ms |" % (
                               n, rate, agg(cs, record_seconds), len(cs),
                               agg(cs, lambda c: c["sipp"]["failed"]), agg(cs, lambda c: c["active_calls_seen"]),
                               agg(cs, lambda c: c["recordings"]["count"] - c["recordings"]["drafts_left"]), n,
                               agg(cs, lambda c: c["recordings"]["complete"]), frames_cell(cs),
                               agg(cs, lambda c: c["callpost_cpu_percent_of_one_core"]),
                               agg(cs, per_call), agg(cs, lambda c: c["sipp_cpu_percent_of_one_core"]),
                               agg(cs, lambda c: c.get("machine_cpu_percent_of_one_core")),
                               agg(cs, lambda c: c["gc"]["pauses"]), agg(cs, lambda c: c["gc"]["total_ms"]),
                               agg(cs, lambda c: c["gc"]["max_ms"])))
            out += ["", "Each call records the longer of --record-seconds (20 s by default) and the ramp (N / rate) "
                    "+ 10 s (the Recorded column), so all N record at the same time for at least 10 s. CPU: /proc/<pid>/stat of Callpost, of SIPp and /proc/stat over "
                    "%s s while every call was recording (from the end of the ramp + the greeting + 1 s; "
                    "100 %% = one core; the machine has %s), with no capture running; per call: Callpost's %% "
                    "of one core / the calls up at once. Recordings: every message the step left (WAV header "
                    "and size agreeing); whole WAVs: the recorded length +/- 1 %% (the caller hangs up the "
                    "calibrated greeting length + that after the ACK, so this also carries how late the "
                    "greeting started). Frames: each message found in the speech the caller streamed (60 s, "
                    "looped, every 20 ms frame unique) and compared with it frame by frame: whole (bit-exact), "
                    "lost (a frame sent and not in the message), garbled (anything else in its place), repeated, "
                    "and silence inserted between frames. GC: pauses in the -Xlog:gc log during the step (no GC "
                    "forced). The RTP send timing is measured in a step of its own (Timing, below), since "
                    "tshark itself costs CPU." % (agg(conc, lambda c: c["cpu_window_seconds"]), m.get("cores")), ""]
            for (n, rate), cs in groups(conc, lambda c: (c["calls"], c["setup_rate"])):
                t = cs[0].get("callpost_threads")
                if t:
                    out.append("- %d calls at %d/s (run %s), Callpost's CPU by thread (%% of one core): %s" % (
                        n, rate, cs[0].get("run", 1), ", ".join("%s %s" % (k, v) for k, v in t["threads"][:8])))
            out.append("")
        if calls.get("prompts"):
            ps = calls["prompts"]
            out += ["### Calls playing prompts (hanging up 1.5 s before the greeting and beep end)", "",
                    "| Calls | Set up at | Runs | Failed | CPU window | Callpost CPU (of one core) "
                    "| Callpost CPU per call | SIPp CPU | Whole machine |", "|---|---|---|---|---|---|---|---|---|"]
            for (n, rate), cs in groups(ps, lambda c: (c["calls"], c["setup_rate"])):
                out.append("| %d | %d/s | %d | %s | %s s | %s %% | %s %% | %s %% | %s %% |" % (
                    n, rate, len(cs), agg(cs, lambda c: c["sipp"]["failed"]),
                    agg(cs, lambda c: c["cpu_window_seconds"]),
                    agg(cs, lambda c: c["callpost_cpu_percent_of_one_core"]), agg(cs, per_call),
                    agg(cs, lambda c: c["sipp_cpu_percent_of_one_core"]),
                    agg(cs, lambda c: c.get("machine_cpu_percent_of_one_core"))))
            out += ["", "Each call hangs up %d ms after the ACK (the greeting and beep less 1.5 s), so none "
                    "records. CPU: /proc/<pid>/stat of Callpost and of SIPp from the end of the ramp + 0.5 s "
                    "for as long as every call is still in the greeting (0.5 s margin, at most 10 s); no "
                    "capture running; per call: Callpost's %% of one core / the calls." % ps[0]["hold_ms"], ""]
        timing = [c for c in calls.get("timing") or []] + \
            [c for c in calls.get("concurrency") or [] if captured(c)]
        if timing:
            out += ["### Timing (RTP send intervals, from a capture; one run)", "",
                    "| Calls | Set up at | Recorded | Failed | Recordings present | Recording = caller's audio "
                    "after the beep (+/- 0.2 s) | Frames whole / lost / garbled / repeated, silence inserted "
                    "(messages aligned) | RTP send-interval deviation p50 / p99 / max | Intervals > 2 ms "
                    "| Callpost / SIPp CPU, with the capture running |",
                    "|---|---|---|---|---|---|---|---|---|---|"]
            for c in timing:
                rtp, cmp, rec = c.get("rtp_send_interval_deviation") or {}, c.get("recording_vs_capture") or {}, \
                    c["recordings"]
                out.append("| %d | %d/s | %s s | %d | %d of %d | %s of %s (error %s..%s s) | %s | %s / %s / %s ms "
                           "| %s of %s | %s / %s %% |" % (
                               c["calls"], c["setup_rate"], fmt(record_seconds(c)), c["sipp"]["failed"],
                               rec["count"] - rec["drafts_left"], c["calls"],
                               fmt(cmp.get("within_tolerance")), fmt(cmp.get("calls_captured")),
                               fmt(cmp.get("error_s_min")), fmt(cmp.get("error_s_max")), frames_cell([c]),
                               fmt(rtp.get("p50_ms")), fmt(rtp.get("p99_ms")), fmt(rtp.get("max_ms")),
                               fmt(rtp.get("over_2ms")), fmt(rtp.get("intervals")),
                               c["callpost_cpu_percent_of_one_core"], c["sipp_cpu_percent_of_one_core"]))
            out += ["", "A concurrency step run once with tshark capturing, on lo, every packet Callpost sent "
                    "(greeting, beep; nothing while recording unless send.silence) and its RTCP. RTP: per stream, |interval between "
                    "consecutive sequence numbers - 20 ms|. Recording = caller's audio: each message's length "
                    "against the time from the end of the beep to the hang-up, both seen in the capture. Its "
                    "CPU figures include the capture's disturbance (tshark runs on the same cores).", ""]
        if calls.get("heap"):
            out += ["### Heap per active call", "",
                    "| Calls recording | Idle heap | Heap with the calls | Per call |", "|---|---|---|---|"]
            for h in calls["heap"]:
                out.append("| %d | %.1f MB | %.1f MB | %.1f KB |" % (
                    h["calls"], h["idle_heap_bytes"] / 1e6, h["heap_bytes_with_calls"] / 1e6,
                    h["bytes_per_call"] / 1024.0))
            out += ["", "Heap in use after `jcmd GC.run` (a full GC), idle and then with every call recording; "
                    "in steps of their own, before the others (store still small), so the forced GCs do not "
                    "disturb the concurrency figures.", ""]
            for h in calls["heap"]:
                g = h.get("grown_classes_per_call")
                if g:
                    out.append("- %d calls, what grew, bytes per call (`GC.class_histogram`): %s" % (
                        h["calls"], ", ".join("%s %d" % (k, b) for k, b, _ in g[:8])))
            out.append("")
    store = d.get("store")
    if store:
        out += store_md(store)
    smoke = d.get("smoke")
    if smoke:
        s, rec = smoke["sipp"], smoke["recordings"]
        out += ["## Smoke (`bench/run --smoke`)", "",
                "%d calls (PCMU; the calibration call PCMA) at %d/s, each recording 10 s (incoming off-hook delay %d ms): %d successful, %d failed; "
                "%d recordings, %d complete (10 s +/- 10 %%: %s-%s s), %d drafts left; %d s in all including "
                "Karaf's start." % (smoke["calls"], smoke["rate"], smoke["incoming_off_hook_delay_ms"],
                                    s["successful"], s["failed"], rec["count"], rec["complete"], fmt(rec["min_s"]),
                                    fmt(rec["max_s"]), rec["drafts_left"], smoke["seconds_total"]), ""]
    return "\n".join(out)


def main(argv):
    if argv[1] == "--smoke-verdict":
        return smoke_verdict(argv[2])
    work, out = argv[1], argv[2]
    fresh = "--fresh" in argv
    data = {}
    if not fresh and os.path.exists(out + ".json"):
        try:
            data = json.load(open(out + ".json"))
        except ValueError:
            data = {}
        if "cores" in data:  # the registration benchmark's first layout
            data = {"registration": data.get("registration")}
    measured = False
    for path in sorted(glob.glob(os.path.join(work, "section-*.json"))):
        name = os.path.basename(path)[len("section-"):-len(".json")]
        try:
            section = json.load(open(path))
            old = data.get(name)
            if name == "calls" and isinstance(old, dict):
                # a partial run (say --heap only) keeps the other parts measured earlier
                parts = ("heap", "rate", "concurrency", "prompts", "timing")
                if not any(section.get(p) for p in parts[1:]):
                    section = dict(old, heap=section.get("heap") or old.get("heap"))
                for part in parts:
                    if not section.get(part) and old.get(part):
                        section[part] = old[part]
            data[name] = section
            measured = True
        except ValueError as e:
            print("%s: %s" % (path, e), file=sys.stderr)
    data["machine"] = json.load(open(os.path.join(work, "machine.json")))
    if not measured:
        print("nothing was measured", file=sys.stderr)
        return 1
    with open(out + ".json", "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    text = md(data)
    with open(out + ".md", "w") as f:
        f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
