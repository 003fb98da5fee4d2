package org.callpost.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Answer modes with a PBX peer (MiVoice Office 400 profile): two companies share the PBX, each
 * with its own DNIS and greeting; a trunk group has a third; calls forwarded from the attendant's
 * extension get the overflow mode; a schedule closed today gives the night mode, whose wrong keys
 * end at the operator; dial by name reaches a busy subscriber's busy greeting. Each greeting is a
 * tone of its own, so the caller's side tells which mode answered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AnswerModeIT extends CallpostDistribution {
    private static final int ACME_HZ = 400;
    private static final int GLOBEX_HZ = 500;
    private static final int TRUNK_HZ = 300;
    private static final int OVERFLOW_HZ = 200;
    private static final int NIGHT_HZ = 250;
    private static final int BUSY_GREETING_HZ = 600;
    private static final String OUTSIDE = "0441234567";

    @Inject
    MessageStore store;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private int sipPort;
    private Path greetings;

    @Before
    public void pbxModesAndRoutes() throws Exception {
        Dictionary<String, Object> mwi = new Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-answer-mode-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        Dictionary<String, Object> messaging = new Hashtable<>();
        messaging.put("operator.extension", "100");
        messaging.put("operator.no.answer.seconds", "30");
        configAdmin.getConfiguration("org.callpost.messaging", "?").update(messaging);

        registrar = new SipRegistrar("am", SipRegistrar.freePort(), "s3cret");
        registrar.extension("100", SipRegistrar.Answer.NEVER); // the operator rings
        registrar.extension("201", SipRegistrar.Answer.BUSY);
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("am", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "61-64", "hunt.group.access.code", "60",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("61", "62", "63", "64")), 10000));
        pbx = new PbxCaller("am", "tcp");

        if (store.mailbox("201").isPresent()) {
            store.removeMailbox("201");
        }
        store.createMailbox(Mailbox.of("201", "201", "Sam Smith"), "97531");
        GreetingDraft busy = store.beginGreeting("201", Greeting.BUSY);
        Wav.writeTone(busy.recordingFile(), BUSY_GREETING_HZ, 3000);
        assertTrue(busy.commit());

        greetings = Files.createTempDirectory("answer-modes");
        mode("acme", ACME_HZ, "0=operator, 9=name");
        mode("globex", GLOBEX_HZ, "0=operator");
        mode("trunk", TRUNK_HZ, "0=operator");
        mode("overflow", OVERFLOW_HZ, "0=operator");
        mode("night", NIGHT_HZ, "0=operator");
        route("acme", "dnis", "5550100", "mode", "acme");
        route("globex", "dnis", "5550200", "mode", "globex");
        route("north", "trunk", "tg-north", "mode", "trunk", "priority", "50");
        route("attendant", "forwarded.from", "100", "mode", "overflow");
        route("office", "dnis", "5550300", "schedule", "office");
        // open only on a weekday that is not today: now is closed
        DayOfWeek today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek();
        String openDay = today == DayOfWeek.MONDAY ? "tue" : "mon";
        Dictionary<String, Object> schedule = new Hashtable<>();
        schedule.put("name", "office");
        schedule.put("time.zone", "UTC");
        schedule.put("hours", openDay + " 08:00-17:00");
        schedule.put("open.mode", "acme");
        schedule.put("closed.mode", "night");
        configAdmin.getFactoryConfiguration("org.callpost.schedule", "office", "?").update(schedule);

        long end = System.currentTimeMillis() + 30_000;
        String routes = "";
        while (System.currentTimeMillis() < end) {
            routes = shell("callpost:routes") + shell("callpost:answer-modes");
            // the same as asserted below: "office" alone also matches the schedule table, which may
            // come up before the office route does (CI saw the loop end with the route not there yet)
            if (routes.contains("schedule:office") && routes.matches("(?s).*office .*night.*") && routes.contains("attendant")
                    && routes.contains("north") && !routes.contains("Problem")) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(routes, routes.contains("schedule:office") && routes.matches("(?s).*office .*night.*"));
    }

    private void mode(String name, int hz, String keys) throws IOException {
        Path wav = greetings.resolve(name + ".wav");
        Wav.writeTone(wav, hz, 3000);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("greeting.wav", wav.toString());
        p.put("keys", keys);
        configAdmin.getFactoryConfiguration("org.callpost.answermode", name, "?").update(p);
    }

    private void route(String name, String... keyValues) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("name", name);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        configAdmin.getFactoryConfiguration("org.callpost.route", name, "?").update(p);
    }

    @After
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        remove("am");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
    }

    private record Caller(OutgoingCall call, RtpPeer rtp) {
        int port() {
            return call.callpostRtpPort();
        }
    }

    private Caller call(String line, String dialled, String... headers) throws Exception {
        RtpPeer rtp = new RtpPeer();
        open.add(rtp);
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, line, OUTSIDE, dialled, rtp.sdpOffer(), headers);
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        return new Caller(c, rtp);
    }

    private static void hangUp(Caller c) throws Exception {
        if (!c.call().byeReceived()) {
            c.call().bye();
        }
    }

    @Test
    public void differentDnisAndTrunkGroupsReachDifferentAnswerModes() throws Exception {
        Caller acme = call("61", "5550100");
        awaitTone(acme.rtp(), 0, ACME_HZ, 800, 10_000);
        hangUp(acme);
        Caller globex = call("62", "5550200");
        awaitTone(globex.rtp(), 0, GLOBEX_HZ, 800, 10_000);
        hangUp(globex);
        Caller north = call("63", "5550999", "Contact: <sip:pbx@127.0.0.1:" + pbx.port()
                + ";transport=tcp;tgrp=tg-north;trunk-context=pbx.example.com>");
        awaitTone(north.rtp(), 0, TRUNK_HZ, 800, 10_000);
        hangUp(north);

        String routes = shell("callpost:routes");
        assertTrue(routes, routes.matches("(?s).*Last calls routed:.*5550999 +\\| tg-north .*\\| north +\\| trunk\\s.*"
                + "5550200 .*\\| globex +\\| globex\\s.*5550100 .*\\| acme +\\| acme\\s.*"));
    }

    @Test
    public void aCallForwardedFromTheAttendantsExtensionGetsTheOverflowMode() throws Exception {
        Caller c = call("61", "100", "Diversion: <sip:100@127.0.0.1>;reason=no-answer;counter=1");
        awaitTone(c.rtp(), 0, OVERFLOW_HZ, 800, 10_000);
        hangUp(c);
        String routes = shell("callpost:routes");
        assertTrue(routes, routes.matches("(?s).*Last calls routed:.*\\| 100 +\\| attendant +\\| overflow.*"));
    }

    @Test
    public void theClosedScheduleGivesTheNightModeWhoseWrongKeysEndAtTheOperatorAndTheOverrideOpensIt() throws Exception {
        Caller c = call("61", "5550300");
        awaitTone(c.rtp(), 0, NIGHT_HZ, 800, 10_000);
        for (int i = 0; i < 3; i++) {
            c.rtp().sendDtmf("127.0.0.1", c.port(), "*", 100);
            Thread.sleep(i < 2 ? 2500 : 0); // "invalid choice, please try again", the greeting again
        }
        assertTrue("the operator rings: " + registrar.invites(), registrar.await(r -> !r.invitesTo("100").isEmpty(), 15_000));
        hangUp(c);

        String switched = shell("callpost:schedule-override office acme");
        assertTrue(switched, switched.contains("Schedule office gives answer mode acme until"));
        Caller day = call("62", "5550300");
        awaitTone(day.rtp(), 0, ACME_HZ, 800, 10_000);
        hangUp(day);
        String back = shell("callpost:schedule-override office auto");
        assertTrue(back, back.contains("Schedule office follows its hours again: answer mode night now"));
        String refused = shell("callpost:schedule-override office dya");
        assertTrue(refused, refused.contains("No answer mode 'dya' is configured"));
    }

    @Test
    public void dialByNameReachesTheExtensionAndWhenItIsBusyTheSubscribersBusyGreeting() throws Exception {
        Caller c = call("61", "5550100");
        awaitTone(c.rtp(), 0, ACME_HZ, 300, 10_000);
        c.rtp().sendDtmf("127.0.0.1", c.port(), "9", 100);
        Thread.sleep(1500); // "Please spell the name ..."
        c.rtp().sendDtmf("127.0.0.1", c.port(), "76484#", 100); // S M I T H
        Thread.sleep(2000); // "the person at extension 2 0 1. To call this person, press 1 ..."
        int before = pcmu(c.rtp()).size();
        c.rtp().sendDtmf("127.0.0.1", c.port(), "1", 100);
        assertTrue("201 rings: " + registrar.invites(), registrar.await(r -> !r.invitesTo("201").isEmpty(), 10_000));
        awaitTone(c.rtp(), before, BUSY_GREETING_HZ, 1000, 15_000);
        hangUp(c);
    }

    // ---------------------------------------------------------------- the caller's ear

    private static List<RtpPeer.Packet> pcmu(RtpPeer rtp) {
        return rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
    }

    /** Waits until the caller heard {@code millis} of a tone since packet {@code from}. */
    private static void awaitTone(RtpPeer rtp, int from, int hz, long millis, long within) throws InterruptedException {
        long end = System.currentTimeMillis() + within;
        long heard = 0;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = pcmu(rtp);
            heard = 0;
            for (RtpPeer.Packet p : packets.subList(Math.min(from, packets.size()), packets.size())) {
                if (p.payload().length == 160 && share(decode(p.payload()), hz) > 0.7) {
                    heard += 20;
                }
            }
            if (heard >= millis) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("heard " + heard + " ms of " + hz + " Hz in " + within + " ms, wanted " + millis);
    }

    private static short[] decode(byte[] ulaw) {
        short[] pcm = new short[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            int u = ~ulaw[i] & 0xff;
            int t = ((u & 0x0f) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            pcm[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
        return pcm;
    }

    /** The share of a 20 ms frame's energy at one frequency (Goertzel). */
    private static double share(short[] pcm, int hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (short x : pcm) {
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) x * x;
        }
        double tone = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return total == 0 ? 0 : 2 * tone / (pcm.length * total);
    }
}
