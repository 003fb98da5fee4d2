package org.callpost.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real baresip (Debian's baresip) as the caller in tests: one call to a SIP URI with its
 * microphone a WAV file ({@code audio_source aufile}), hanging up when the file ends. The media
 * encryption is the account's {@code mediaenc} ({@code srtp-mand}: SDES SRTP or no call). Its
 * configuration and log are in the test's folder; closing it stops it by its PID.
 */
public final class Baresip implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/baresip");
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/baresip/modules"),
            Path.of("/usr/lib/x86_64-linux-gnu/baresip/modules"), Path.of("/usr/lib/aarch64-linux-gnu/baresip/modules"));

    private final Process process;
    private final Path log;
    /** baresip's RTP port range, from its configuration: what a capture of its media filters on. */
    public final int rtpLow;
    public final int rtpHigh;

    private Baresip(Process process, Path log, int rtpLow, int rtpHigh) {
        this.process = process;
        this.log = log;
        this.rtpLow = rtpLow;
        this.rtpHigh = rtpHigh;
    }

    /** Whether baresip and its SRTP module are installed (else: apt-get install baresip-core). */
    public static boolean installed() {
        return Files.isExecutable(BINARY) && MODULE_DIRS.stream().anyMatch(d -> Files.isRegularFile(d.resolve("srtp.so")));
    }

    /**
     * Calls {@code target} (e.g. {@code sip:30@127.0.0.1:5061;transport=tls}) as
     * {@code sip:user@127.0.0.1}, sending {@code wav} (8 kHz mono 16-bit) as PCMU from the answer
     * until it ends; baresip quits after {@code seconds}.
     *
     * @param mediaenc the account's media encryption: {@code srtp-mand}, {@code srtp}, or null for none
     */
    public static Baresip call(Path folder, String user, String target, Path wav, String mediaenc, int seconds)
            throws IOException {
        if (!installed()) {
            throw new IllegalStateException("baresip is not installed: apt-get install baresip-core");
        }
        Path modules = MODULE_DIRS.stream().filter(d -> Files.isRegularFile(d.resolve("srtp.so"))).findFirst().orElseThrow();
        Files.createDirectories(folder);
        int sip = Ports.free();
        int rtp = Ports.free() & ~1;
        String config = String.join("\n",
                "sip_listen 127.0.0.1:" + sip,
                "rtp_ports " + rtp + "-" + (rtp + 3),
                "audio_source aufile," + wav.toAbsolutePath(),
                "audio_player aufile," + folder.resolve("heard.wav").toAbsolutePath(),
                "audio_alert aufile," + folder.resolve("alert.wav").toAbsolutePath(),
                "module_path " + modules,
                "module stdio.so",
                "module g711.so",
                "module aufile.so",
                "module srtp.so",
                "module_app account.so",
                "module_app menu.so",
                "");
        Files.writeString(folder.resolve("config"), config, StandardCharsets.UTF_8);
        // regint=0: a caller that does not register; PCMU only, so the capture is easy to read
        Files.writeString(folder.resolve("accounts"), "<sip:" + user + "@127.0.0.1>;regint=0;audio_codecs=PCMU"
                + (mediaenc == null ? "" : ";mediaenc=" + mediaenc) + "\n", StandardCharsets.UTF_8);
        Path log = folder.resolve("baresip.log");
        Process p = new ProcessBuilder(BINARY.toString(), "-v", "-f", folder.toAbsolutePath().toString(),
                "-e", "/dial " + target, "-t", String.valueOf(seconds))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Baresip(p, log, rtp, rtp + 3);
    }

    /** Waits for baresip to quit; false if it is still running after {@code millis}. */
    public boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** What baresip has logged so far (its console output). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Whether baresip's log says the call's SRTP came up with {@code suite}, e.g. AES_CM_128_HMAC_SHA1_80. */
    public boolean srtpEnabled(String suite) {
        return log().contains("SRTP is Enabled (cryptosuite=" + suite + ")");
    }

    /** Packets baresip could not decrypt (its "failed to decrypt" lines). */
    public long decryptFailures() {
        return log().lines().filter(l -> l.contains("failed to decrypt")).count();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
