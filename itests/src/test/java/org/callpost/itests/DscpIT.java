package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.callpost.api.call.CallHandler;
import org.callpost.api.media.SessionSpec;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The integration setting rtpDscp on the wire: three integrations side by side, each call's RTP
 * captured on loopback by tshark, each integration's packets marked with its own DSCP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DscpIT extends CallpostDistribution {
    private static final File TSHARK = new File("/usr/bin/tshark");
    private static final int LINES = 2;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> integrationNames = new ArrayList<>();
    private ServiceRegistration<?> registration;
    private Process tshark;

    @After
    public void tearDown() throws Exception {
        if (tshark != null) {
            tshark.destroyForcibly();
        }
        if (registration != null) {
            registration.unregister();
        }
        for (String name : integrationNames) {
            remove(name);
        }
        Thread.sleep(300);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** One integration with its own PBX; returns its SIP port. rtpDscp null: the setting is left out. */
    private int integration(String name, int firstLine, int mediaBase, String rtpDscp) throws Exception {
        SipRegistrar registrar = new SipRegistrar(name, SipRegistrar.freePort(), "s3cret");
        open.add(registrar);
        int sipPort = SipRegistrar.freePort();
        List<Object> settings = new ArrayList<>(List.of("profile", "mivoice400", "sip.server.address", "127.0.0.1",
                "sip.server.port", String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port",
                String.valueOf(sipPort), "pbx.password", "s3cret", "line.extensions", firstLine + "-" + (firstLine + 1),
                "hunt.group.access.code", String.valueOf(firstLine - 1), "media.base.port", String.valueOf(mediaBase),
                "on.hook.delay.millis", "300"));
        if (rtpDscp != null) {
            settings.addAll(List.of("rtp.dscp", rtpDscp));
        }
        configure(name, settings.toArray());
        integrationNames.add(name);
        List<String> lines = List.of(String.valueOf(firstLine), String.valueOf(firstLine + 1));
        assertTrue(name + " registers", registrar.await(r -> r.hasRegistered(lines), 30_000));
        return sipPort;
    }

    @Test
    public void eachIntegrationsRtpCarriesItsOwnDscpAndWithoutTheSettingTheEnginesDefault() throws Exception {
        Assume.assumeTrue("tshark is not installed", TSHARK.canExecute());
        int spread = LINES * SessionSpec.PORTS_PER_LINE;
        int base = 20000 + 2 * (int) (Math.random() * 10000);
        Map<Integer, String> firstPortToName = new TreeMap<>();
        int[] sip = {
            integration("dscp34", 61, base, "34"),
            integration("dscp10", 71, base + spread, "10"),
            integration("dscpdefault", 81, base + 2 * spread, null)};
        for (int i = 0; i < 3; i++) {
            firstPortToName.put(base + i * spread, integrationNames.get(i));
        }

        // only what Callpost sends: the PBX's RtpPeers use ephemeral ports that may fall in the ranges
        String filter = "udp src portrange " + base + "-" + (base + 3 * spread - 1);
        Path out = Files.createTempFile("dscp", ".txt");
        Path err = Files.createTempFile("dscp", ".err");
        tshark = new ProcessBuilder(TSHARK.getPath(), "-i", "lo", "-n", "-l", "-f", filter, "-T", "fields",
                "-e", "ip.dsfield.dscp", "-e", "udp.srcport").redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        long end = System.currentTimeMillis() + 15_000;
        while (!Files.readString(err).contains("Capturing on") && System.currentTimeMillis() < end) {
            assertTrue("tshark ended: " + Files.readString(err), tshark.isAlive());
            Thread.sleep(100);
        }
        assertTrue("tshark did not start capturing: " + Files.readString(err), Files.readString(err).contains("Capturing on"));

        TestApplication app = new TestApplication();
        app.toneMillis = 1000;
        Hashtable<String, Object> outranking = new Hashtable<>();
        outranking.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000); // ahead of the voicemail application
        registration = bundleContext.registerService(CallHandler.class, app, outranking);
        PbxCaller pbx = new PbxCaller("dscp", "tcp");
        open.add(pbx);
        int[] lines = {61, 71, 81};
        List<OutgoingCall> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RtpPeer rtp = new RtpPeer();
            open.add(rtp);
            String line = String.valueOf(lines[i]);
            OutgoingCall c = pbx.call("127.0.0.1", sip[i], line, "202", line, rtp.sdpOffer());
            assertTrue(c.codes().toString(), c.got(200, 5000));
            c.ack(null);
            assertNotNull("the application got no call on " + line, app.answered.poll(8, TimeUnit.SECONDS));
            calls.add(c);
        }
        Thread.sleep(1500); // the tone's packets (and an RTCP report or not: both ports are marked alike)
        for (OutgoingCall c : calls) {
            c.bye();
        }
        Thread.sleep(300);
        tshark.destroy();
        tshark.waitFor(5, TimeUnit.SECONDS);

        Map<String, TreeSet<Integer>> dscps = new TreeMap<>();
        Map<String, Integer> packets = new TreeMap<>();
        for (String row : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = row.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            int port = Integer.parseInt(f[1]);
            String name = firstPortToName.get(base + (port - base) / spread * spread);
            dscps.computeIfAbsent(name, n -> new TreeSet<>()).add(Integer.decode(f[0]));
            packets.merge(name, 1, Integer::sum);
        }
        String seen = "DSCPs " + dscps + " in packets " + packets;
        for (String name : integrationNames) {
            assertTrue(seen, packets.getOrDefault(name, 0) >= 20);
        }
        assertEquals(seen, new TreeSet<>(List.of(34)), dscps.get("dscp34"));
        assertEquals(seen, new TreeSet<>(List.of(10)), dscps.get("dscp10"));
        assertEquals("the media engine's rtp.dscp: " + seen, new TreeSet<>(List.of(46)), dscps.get("dscpdefault"));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
