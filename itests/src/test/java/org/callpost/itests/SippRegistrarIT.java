package org.callpost.itests;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineState;
import org.callpost.testsupport.SipRegistrar;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * SIPp as the PBX: a registrar that checks every line's digest with verifyauth against the
 * passwords in sipp/lines.csv. All eight lines register within 5 s of the configuration
 * arriving, over TCP and, after the transport setting changes, over UDP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippRegistrarIT extends CallpostDistribution {
    private static final List<String> LINES = List.of("31", "32", "33", "34", "35", "36", "37", "38");

    private static boolean registered(IntegrationStatus s) {
        return s.lines().size() == 8 && s.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED);
    }

    private static void assertEveryDigestValid(Sipp sipp) throws Exception {
        String log = sipp.log();
        for (String ext : LINES) {
            assertTrue("SIPp did not verify " + ext + ":\n" + log + sipp.output(),
                    log.contains("REGISTER from extension " + ext + " (username=\"" + ext + "\"): digest valid=true"));
        }
        assertTrue(log, !log.contains("digest valid=false"));
    }

    @Test
    public void sippVerifiesEveryLinesDigestOverTcpThenUdp() throws Exception {
        int tcpPort = SipRegistrar.freePort();
        int udpPort = SipRegistrar.freePort();
        List<Object> kv = new ArrayList<>(List.of("profile", "mivoice400", "sip.server.address", "127.0.0.1",
                "sip.server.port", String.valueOf(tcpPort), "transport", "TCP", "local.address", "127.0.0.1",
                "sip.local.port", String.valueOf(SipRegistrar.freePort()), "pbx.password", "callpost",
                "line.extensions", "31-38", "hunt.group.access.code", "30"));
        try (Sipp tcp = Sipp.server("registrar-verifyauth.xml", tcpPort, "t1", "-inf", "lines.csv", "-infindex", "lines.csv", "0")) {
            Thread.sleep(500); // SIPp listening
            assertTrue(tcp.output(), tcp.alive());
            long start = System.nanoTime();
            configure("sipp", kv.toArray());
            assertTrue("not all registered over TCP: " + integrations.find("sipp") + "\n" + tcp.output(),
                    await("sipp", SippRegistrarIT::registered, 5000).isPresent());
            System.out.printf("8 lines registered with SIPp over TCP in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertEveryDigestValid(tcp);

            try (Sipp udp = Sipp.server("registrar-verifyauth.xml", udpPort, "u1", "-inf", "lines.csv", "-infindex", "lines.csv", "0")) {
                Thread.sleep(500);
                kv.set(5, String.valueOf(udpPort));
                kv.set(7, "UDP");
                configure("sipp", kv.toArray());
                assertTrue("not all registered over UDP: " + integrations.find("sipp") + "\n" + udp.output(),
                        await("sipp", s -> registered(s) && s.transport().name().equals("UDP")
                                && s.lines().stream().allMatch(l -> l.registrar().orElseThrow().port() == udpPort), 5000).isPresent());
                assertEveryDigestValid(udp);
            }
        } finally {
            remove("sipp");
        }
    }
}
