package org.callpost.media.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SessionStatistics;

/**
 * Session load on loopback: N sessions in pairs wired to each other, every one playing a tone
 * and recording what it hears to a WAV file, as N voicemail calls would. Reports the process's
 * CPU (share of all cores) and the send-interval deviation. Not a test: run it by hand, e.g.
 * {@code java -cp ... org.callpost.media.internal.SessionLoadHarness 100,250,500 20 false 2}
 * (session counts, seconds measured, fsync recordings, clock threads).
 */
public final class SessionLoadHarness {
    private SessionLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        String[] counts = (args.length > 0 ? args[0] : "100,250,500").split(",");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean fsync = args.length > 2 && Boolean.parseBoolean(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores=%d measure=%ds fsync=%s clock threads=%d%n", cores, seconds, fsync, threads);
        System.out.println("sessions  cpu%(of all cores)  p50us  p99us  p99.9us  maxus  sent  received  lost  late  concealedMs");
        for (String count : counts) {
            run(Integer.parseInt(count.trim()), seconds, fsync, threads, cores);
        }
    }

    private static void run(int sessions, int seconds, boolean fsync, int threads, int cores) throws Exception {
        MediaEngineComponent engine = TestEngines.g711Engine(Map.of("record_fsync", fsync, "clock_threads", threads));
        Path dir = Files.createTempDirectory("callpost-load");
        List<MediaSession> open = new ArrayList<>();
        try {
            for (int i = 0; i < sessions / 2; i++) {
                MediaSession a = engine.open(spec("a" + i, 9), null);
                MediaSession b = engine.open(spec("b" + i, a.localRtpPort()), null);
                a.update("127.0.0.1", b.localRtpPort(), MediaDirection.SENDRECV);
                for (MediaSession s : List.of(a, b)) {
                    s.play(List.of(new PlayItem.Tone(400, 0, 600_000, -10)), "");
                    s.record(new RecordRequest(dir.resolve(s.label() + ".wav"), 0, 0, ""));
                    open.add(s);
                }
                Thread.sleep(Math.max(1, 1000 / Math.max(1, sessions / 2))); // calls arrive spread over a second
            }
            Thread.sleep(5000); // warm up: JIT, jitter buffers filled
            SendTiming before = engine.sendTimingOfAllSessions();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long alloc0 = clockThreadAllocations();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            SendTiming baseline = new SendTiming();
            Thread probe = new Thread(() -> sleepProbe(baseline, wall0 + seconds * 1_000_000_000L), "sleep-probe");
            probe.start();
            Thread.sleep(seconds * 1000L);
            probe.join();
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            long allocated = clockThreadAllocations() - alloc0;
            SendTiming timing = engine.sendTimingOfAllSessions().since(before);
            long sent = 0;
            long received = 0;
            long lost = 0;
            long late = 0;
            long concealed = 0;
            for (MediaSession s : open) {
                SessionStatistics st = s.statistics();
                sent += st.packetsSent();
                received += st.packetsReceived();
                lost += st.packetsLost();
                late += st.packetsLate();
                concealed += st.concealedMillis();
            }
            System.out.printf("%8d  %18.1f  %5d  %5d  %7d  %5d  %d  %d  %d  %d  %d  clock-thread allocation %.1f bytes/packet; host CPU pressure %s%n",
                    sessions, 100.0 * cpu / wall / cores, timing.percentileMicros(0.5), timing.percentileMicros(0.99),
                    timing.percentileMicros(0.999), timing.maxMicros(), sent, received, lost, late, concealed,
                    allocated / (double) (timing.packets() * 2), cpuPressure());
            System.out.printf("          baseline: a bare thread sleeping to a 20 ms grid meanwhile: p50 %d us, p99 %d us, "
                    + "p99.9 %d us, max %d us%n", baseline.percentileMicros(0.5), baseline.percentileMicros(0.99),
                    baseline.percentileMicros(0.999), baseline.maxMicros());
        } finally {
            for (MediaSession s : open) {
                s.close();
            }
            engine.deactivate();
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** What the machine itself allows: a lone thread waking on a 20 ms grid, as a clock thread does. */
    private static void sleepProbe(SendTiming timing, long until) {
        long due = System.nanoTime() + 20_000_000L;
        while (due - until < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            timing.record(System.nanoTime() - due);
            due += 20_000_000L;
        }
    }

    /** Linux PSI: how much of the last minute runnable threads waited for a CPU (other work on the host). */
    private static String cpuPressure() {
        try {
            String line = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            return line.replaceAll(".*avg60=([0-9.]+).*", "$1% (avg60)");
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Bytes allocated so far by the media clock threads (sending plus receiving). */
    private static long clockThreadAllocations() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("callpost-media-clock")) {
                sum += threads.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }

    private static SessionSpec spec(String label, int remotePort) {
        return SessionSpec.builder("PCMA", 8).label(label).local("127.0.0.1", 0).remote("127.0.0.1", remotePort).build();
    }
}
