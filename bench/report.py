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
                "streams a tone from the answer and hangs up when the wanted length has been recorded. %d lines. "
                "Message-waiting lamps off (`org.callpost.mwi` integration set to none), mailbox limits raised, "
                "registration period 3600 s." % (calls["mailboxes"], calls["incoming_off_hook_delay_ms"],
                                                   calls["greeting_and_beep_ms"], calls["lines"]), ""]
        if calls.get("rate"):
            out += ["### Call rate (each call recording 2 s, %d s per rate)" % calls["rate"][0]["seconds"], "",
                    "| Rate (calls/s) | Calls | Up at once (rate x hold) | Successful | Failed | Retransmissions "
                    "| INVITE to 200 mean | < 50 ms / < 200 ms / >= 2 s | Recordings present (min-p50-max) | Callpost CPU |",
                    "|---|---|---|---|---|---|---|---|---|---|"]
            best = None
            for r in calls["rate"]:
                s, rec = r["sipp"], r["recordings"]
                dist = s.get("setup_ms_distribution", {})
                out.append("| %d | %d | ~%d | %d | %d | %d | %s ms | %s / %s / %s | %d of %d (%s-%s-%s s) | %s s in %s s |" % (
                    r["rate"], r["calls"], r["peak_concurrent_estimate"], s["successful"], s["failed"],
                    s["retransmissions"], fmt(s["setup_ms_mean"]), dist.get("<50", "-"),
                    sum(dist.get(k, 0) for k in ("<50", "<100", "<200")), dist.get(">=2000", "-"),
                    rec["count"] - rec.get("drafts_left", 0), r["calls"], fmt(rec["min_s"]), fmt(rec["p50_s"]),
                    fmt(rec["max_s"]),
                    r["callpost_cpu_seconds"], r["wall_seconds"]))
                if s["failed"] == 0 and s["successful"] == r["calls"] and rec["count"] == r["calls"]:
                    best = r["rate"] if best is None else max(best, r["rate"])
            hold_s = (calls["greeting_and_beep_ms"] + 2000) / 1000.0
            out += ["", "Highest rate with zero failed calls (and a recording for every call): **%s calls/s**. "
                    "Each call holds a line for the greeting, the beep and 2 s of recording (%.1f s), so a rate "
                    "keeps rate x %.1f calls up at once; rates needing more than %d lines (one integration's "
                    "limit is 2,000) are not run, and a step with a failure ends the series." % (
                        fmt(best), hold_s, hold_s, calls["lines"]), ""]
        if calls.get("concurrency"):
            out += ["### Concurrency (each call recording 20 s)", "",
                    "| Calls | Set up at | Failed | Active seen | CPU: Callpost / SIPp / whole machine (of one core) "
                    "| Recordings present | Recording = caller's audio after the beep (+/- 0.2 s) | Silent 20 ms frames "
                    "| Frames whole / lost / garbled / repeated, silence inserted (messages aligned) "
                    "| WAV 20 s +/- 1 % | WAV min / p50 / max "
                    "| RTP send-interval deviation p50 / p99 / max | Intervals > 2 ms | GC pauses (count, total, max) |",
                    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
            for c in calls["concurrency"]:
                s, rec, rtp, gc = c["sipp"], c["recordings"], c["rtp_send_interval_deviation"], c["gc"]
                cmp = c.get("recording_vs_capture", {})
                fr = c.get("frames") or {}
                out.append("| %d | %d/s | %d | %s | %s / %s / %s %% | %d of %d (%d drafts left) | %s of %s (error %s..%s s) "
                           "| %s | %s / %s / %s / %s, %s (%s of %s) | %d of %d | %s / %s / %s s | %s / %s / %s ms | %s of %s "
                           "| %s, %s ms, %s ms |" % (
                               c["calls"], c["setup_rate"], s["failed"], c["active_calls_seen"],
                               c["callpost_cpu_percent_of_one_core"], c["sipp_cpu_percent_of_one_core"],
                               c.get("machine_cpu_percent_of_one_core", "-"),
                               rec["count"], c["calls"], rec["drafts_left"],
                               fmt(cmp.get("within_tolerance")), fmt(cmp.get("calls_captured")),
                               fmt(cmp.get("error_s_min")), fmt(cmp.get("error_s_max")),
                               fmt(rec.get("silent_frames")),
                               fmt(fr.get("whole")), fmt(fr.get("lost")), fmt(fr.get("garbled")),
                               fmt(fr.get("repeated")), fmt(fr.get("inserted")),
                               fmt(fr.get("aligned")), fmt(fr.get("messages")),
                               rec["complete"], c["calls"], fmt(rec["min_s"]),
                               fmt(rec["p50_s"]), fmt(rec["max_s"]), fmt(rtp.get("p50_ms")),
                               fmt(rtp.get("p99_ms")), fmt(rtp.get("max_ms")), fmt(rtp.get("over_2ms")),
                               fmt(rtp.get("intervals")), gc["pauses"], gc["total_ms"], fmt(gc["max_ms"])))
            out += ["", "CPU: /proc/<pid>/stat and /proc/stat over %s s while every call was up (100 %% = one core; "
                    "the machine has %s). Recordings: every message the step left (WAV header and size agreeing), "
                    "each compared with the caller's audio it should hold: from the end of the beep to the hang-up, "
                    "both seen in the capture of what Callpost sent; silent frames: 20 ms of silence inside a "
                    "recording, i.e. audio lost (the caller speaks throughout); frames: each message found in the "
                    "speech the caller streamed (60 s, looped, every 20 ms frame unique) and compared with it frame by "
                    "frame: whole (bit-exact), lost (a frame sent and not in the message), garbled (anything else in its place), repeated, and silence inserted between frames. WAV 20 s +/- 1 %%: the caller "
                    "hangs up the calibrated greeting length + 20 s after the ACK, so this also carries how late the "
                    "greeting started. RTP: every packet Callpost sent (greeting, beep, then silence while recording) "
                    "captured by tshark on lo; per stream, |interval between consecutive sequence numbers - 20 ms|. "
                    "GC: pauses in the -Xlog:gc log during the step (no GC forced)." % (
                        calls["concurrency"][0]["cpu_window_seconds"], m.get("cores")), ""]
            for c in calls["concurrency"]:
                t = c.get("callpost_threads")
                if t:
                    out.append("- %d calls, Callpost's CPU by thread (%% of one core): %s" % (
                        c["calls"], ", ".join("%s %s" % (n, v) for n, v in t["threads"][:8])))
            out.append("")
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
                if not section.get("rate") and not section.get("concurrency"):
                    section = dict(old, heap=section.get("heap") or old.get("heap"))
                for part in ("heap", "rate", "concurrency"):
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
