package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.callpost.api.integration.LineState;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.MwiService;
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
 * What a dealer does at the shell, in the distribution: a mailbox added by its number only is the
 * mailbox of that extension, so a forwarded call's message lights the lamp at the PBX (a JAIN-SIP
 * MiVoice Office 400 on loopback answering {@code *38201}); a mailbox whose number is one of
 * Callpost's lines is told it has no lamp; the PBX checklist reads the live settings and marks the
 * registered lines; an import runs twice without duplicates.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailboxDefaultsIT extends CallpostDistribution {
    @Inject
    MessageStore store;
    @Inject
    MwiService mwi;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer lampRtp;
    private RtpPeer caller;
    private int sipPort;

    @Before
    public void integration() throws Exception {
        Hashtable<String, Object> mwi = new Hashtable<>();
        mwi.put("callout.integration", "dealer");
        mwi.put("coalesce.millis", 300);
        mwi.put("integration.poll.seconds", 1);
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        registrar = new SipRegistrar("dealer", SipRegistrar.freePort(), "s3cret");
        lampRtp = new RtpPeer();
        registrar.answerWith(lampRtp.sdpOffer());
        // every extension the tests give a mailbox: a lamp the PBX refuses is a [!!] in the checklist
        for (String ext : List.of("201", "601", "611", "612")) {
            registrar.extension("*38" + ext, SipRegistrar.Answer.ANSWER);
            registrar.extension("#38" + ext, SipRegistrar.Answer.ANSWER);
        }
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("dealer", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "51-53", "hunt.group.access.code", "50",
                "media.base.port", String.valueOf(mediaBase), "mwi.lines", "53");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("51", "52", "53")), 10000));
        pbx = new PbxCaller("dealer", "tcp");
        caller = new RtpPeer();
        for (String n : List.of("201", "52", "601", "602")) {
            if (store.mailbox(n).isPresent()) {
                store.removeMailbox(n);
            }
        }
    }

    @After
    public void tearDown() throws Exception {
        remove("dealer");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
        lampRtp.close();
        caller.close();
    }

    @Test
    public void aMailboxAddedByNumberOnlyGetsItsLampLitAtThePbxAfterAMessage() throws Exception {
        String added = shell("callpost:mailbox-add 201");
        assertTrue(added, added.contains("Mailbox 201 created for extension 201 (its own number"));
        assertEquals("201", store.mailbox("201").orElseThrow().extension());
        String list = shell("callpost:mailbox-list");
        assertFalse(list, list.contains("Mailbox 201: no lamp"));

        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "51", "202", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        awaitBeep(caller, 20_000);
        caller.sendTone("127.0.0.1", c.callpostRtpPort(), 1400, 2000);
        caller.awaitSent(4000);
        Thread.sleep(300);
        c.bye();

        assertTrue("the PBX is asked to light 201's lamp: " + registrar.invites().size() + " INVITEs",
                registrar.await(r -> invitesTo("*38201") >= 1, 15_000));
        assertEquals(1, store.counts("201").newCount());
        String from = registrar.invites().stream()
                .filter(r -> ((javax.sip.address.SipURI) r.getRequestURI()).getUser().equals("*38201")).findFirst()
                .orElseThrow().getHeader("From").toString();
        assertTrue("from the MWI line: " + from, from.contains("sip:53@"));
        var lamp = Lamps.await(mwi, "201", l -> l.state() == LampState.CONFIRMED, 5000);
        assertTrue("201's lamp: " + lamp, lamp != null && lamp.state() == LampState.CONFIRMED);
        String checklist = shell("callpost:pbx-checklist dealer");
        assertTrue(checklist, checklist.contains("[ok] the PBX confirmed the lamp"));
        assertFalse(checklist, checklist.contains("[!!]"));
    }

    @Test
    public void aMailboxIsEditedAfterItWasCreatedAndExportedWithoutItsPin() throws Exception {
        shell("callpost:mailbox-add --pin 97531 --name Anna 601");
        String edited = shell("callpost:mailbox-edit --name \"Anna Meier\" --extension 611 --max-messages 40 "
                + "--trust-extension yes --callout 0797001122 601");
        assertTrue(edited, edited.contains("Mailbox 601: name Anna Meier; extension 611; limits 40 messages, default;"));
        var m = store.mailbox("601").orElseThrow();
        assertEquals("Anna Meier", m.name());
        assertEquals("611", m.extension());
        assertEquals(40, m.limits().maxMessages());
        assertTrue(m.trustExtension());
        assertEquals("0797001122", m.notification().calloutNumber());
        String refused = shell("callpost:mailbox-edit --extension 6x1 601");
        assertTrue(refused, refused.contains("the extension is digits (or none), not '6x1'"));
        assertEquals("611", store.mailbox("601").orElseThrow().extension());

        Path file = Files.createTempFile("export", ".csv");
        String exported = shell("callpost:mailbox-export " + file);
        assertTrue(exported, exported.contains("mailboxes written to"));
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(csv, csv.contains("\n601,611,Anna Meier,,yes,,yes,0797001122,40,0,"));
        assertFalse("never the PIN: " + csv, csv.contains("97531"));
        String back = shell("callpost:mailbox-import " + file);
        assertTrue(back, back.contains("0 created, 0 changed, "));
        Files.delete(file);
    }

    @Test
    public void aMailboxNumberedLikeALineIsToldItHasNoLampAndTheListFlagsIt() throws Exception {
        String added = shell("callpost:mailbox-add 52");
        assertTrue(added, added.contains("Mailbox 52 created; no extension, so no lamp and no automatic logon: "
                + "extension 52 is one of Callpost's own lines on dealer"));
        assertEquals("", store.mailbox("52").orElseThrow().extension());
        String list = shell("callpost:mailbox-list");
        assertTrue(list, list.contains("Mailbox 52: no lamp can show its messages: no extension"));
    }

    @Test
    public void theChecklistHasTheLiveSettingsAndMarksTheRegisteredLines() throws Exception {
        // the PBX has seen the REGISTERs; Callpost may not have taken the 200s in yet
        assertTrue(await("dealer", s -> s.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED), 10_000)
                .isPresent());
        String text = shell("callpost:pbx-checklist dealer");
        assertTrue(text, text.contains("call numbers 51-53, 3 in all."));
        assertTrue(text, text.contains("[ok] all 3 lines registered"));
        assertTrue(text, text.contains("pilot number 50 (hunt.group.access.code), members 51-53"));
        assertTrue(text, text.contains("*38<extension>") && text.contains("from line 53 (mwi.lines)"));
        assertFalse("never the password: " + text, text.contains("s3cret"));
    }

    @Test
    public void anImportRunTwiceMakesNoDuplicates() throws Exception {
        Path file = Files.createTempFile("mailboxes", ".csv");
        Files.writeString(file, "number,extension,name,pin\n601,,Anna Meier,4711\n602,612,Bruno Keller,\n",
                StandardCharsets.UTF_8);
        String first = shell("callpost:mailbox-import " + file);
        assertTrue(first, first.contains("2 created, 0 changed, 0 unchanged"));
        assertTrue("the random PIN shown once: " + first, first.matches("(?s).*Mailbox 602: PIN \\d{4,}.*"));
        assertEquals("601", store.mailbox("601").orElseThrow().extension());
        String second = shell("callpost:mailbox-import " + file);
        assertTrue(second, second.contains("0 created, 0 changed, 2 unchanged"));
        assertFalse(second, second.contains("PIN"));
        Files.delete(file);
    }

    private long invitesTo(String number) {
        return registrar.invites().stream()
                .filter(r -> ((javax.sip.address.SipURI) r.getRequestURI()).getUser().equals(number)).count();
    }

    /** Waits until the caller has heard the record beep (1 kHz for 100 ms) and its end. */
    private static void awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
            int run = 0;
            for (RtpPeer.Packet p : packets) {
                run = isTone(Audio.decode(p), 1000) ? run + 1 : 0;
                if (run == 5) {
                    Thread.sleep(300);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no record beep heard in " + millis + " ms");
    }


    private static boolean isTone(short[] pcm, int hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : pcm) {
            double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) v * v;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        double rms2 = energy / pcm.length;
        return rms2 > 100 * 100 && power / (pcm.length * (double) pcm.length * rms2 / 2) > 0.7;
    }
}
