package org.callpost.amis.internal;

import static org.callpost.amis.internal.AmisFrames.ANSWER_DELAY_MILLIS;
import static org.callpost.amis.internal.AmisFrames.DIGIT_SPACING_MILLIS;
import static org.callpost.amis.internal.AmisFrames.IDLE_HANG_UP_MILLIS;
import static org.callpost.amis.internal.AmisFrames.INTER_DIGIT_MILLIS;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.callpost.amis.internal.AmisFrames.Bad;
import org.callpost.amis.internal.AmisFrames.Complete;
import org.callpost.amis.internal.AmisFrames.DataFrame;
import org.callpost.amis.internal.AmisFrames.DataType;
import org.callpost.amis.internal.AmisFrames.Response;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MessageDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination system's side of one AMIS call: answered with silence, it reads the
 * originator's data frames, answers each with a response frame after
 * {@link AmisFrames#ANSWER_DELAY_MILLIS}, and records each accepted message into the named local
 * mailbox. A frame cut short ({@link AmisFrames#INTER_DIGIT_MILLIS}) or with a wrong checksum is
 * asked for again. A message whose call ends before its end-of-message frame is thrown away: the
 * originator still has it and sends it again, so it arrives once.
 */
final class DestinationSession {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationSession.class);

    /** Where accepted messages go. */
    interface Inbox {
        /**
         * Begins a message for a local mailbox.
         *
         * @return null when there is no such mailbox
         */
        MessageDraft begin(String mailbox, String remoteSystem, String remoteMailbox) throws MailboxFullException, IOException;
    }

    /** @param remoteSystem the originator's system number, "" when it never started a session */
    record Report(String remoteSystem, int recorded, int refused, String outcome) {
    }

    private enum Phase {
        NEW,
        SESSION,
        MESSAGE,
        ENDED
    }

    private final AmisLine line;
    private final Inbox inbox;
    private final int maxMessageSeconds;
    private final AmisFrames.DataReader reader = new AmisFrames.DataReader();
    private final CompletableFuture<Report> report = new CompletableFuture<>();
    private Phase phase = Phase.NEW;
    private String remoteSystem = "";
    private int recorded;
    private int refused;
    private MessageDraft draft;
    private CompletionStage<RecordOutcome> recording;
    private Runnable digitTimer = () -> { };
    private Runnable idleTimer = () -> { };

    DestinationSession(AmisLine line, Inbox inbox, int maxMessageSeconds) {
        this.line = line;
        this.inbox = inbox;
        this.maxMessageSeconds = maxMessageSeconds;
    }

    /** Starts on the answered call; completes when the call is over. */
    CompletionStage<Report> run() {
        line.listen(this::digit);
        line.ended().thenRun(() -> finish(phase == Phase.ENDED ? "completed" : "call ended by the originator"));
        idle();
        return report;
    }

    private void idle() {
        idleTimer.run();
        idleTimer = line.after(IDLE_HANG_UP_MILLIS, () -> {
            if (phase != Phase.MESSAGE) {
                LOG.info("AMIS: no frame from {} for {} s: hanging up", describeRemote(), IDLE_HANG_UP_MILLIS / 1000);
                finish("no frame for " + IDLE_HANG_UP_MILLIS / 1000 + " s");
            }
        });
    }

    private String describeRemote() {
        return remoteSystem.isEmpty() ? "the caller" : "system " + remoteSystem;
    }

    private void digit(char c) {
        if (report.isDone()) {
            return;
        }
        AmisFrames.Read r = reader.digit(c);
        digitTimer.run();
        digitTimer = () -> { };
        if (r instanceof Complete<?> done) {
            frame((DataFrame) done.frame());
        } else if (r instanceof Bad bad) {
            LOG.info("AMIS: frame '{}' from {} is wrong ({}): asking again", bad.digits(), describeRemote(), bad.why());
            respond(Response.RETRANSMIT);
        } else if (reader.inFrame()) {
            idleTimer.run();
            digitTimer = line.after(INTER_DIGIT_MILLIS, () -> {
                LOG.info("AMIS: frame from {} cut short: asking again", describeRemote());
                reader.reset();
                respond(Response.RETRANSMIT);
            });
        }
    }

    private void frame(DataFrame f) {
        switch (f.type()) {
            case START_SESSION -> start(f);
            case MESSAGE_HEADER -> header(f);
            case END_OF_MESSAGE -> endOfMessage();
            case END_SESSION -> {
                phase = Phase.ENDED;
                respondThen(Response.OK, () -> finish("completed"));
            }
        }
    }

    private void start(DataFrame f) {
        if (!AmisFrames.PROTOCOL_VERSION.equals(f.field(0))) {
            LOG.info("AMIS: system {} speaks protocol version {}, not {}", f.field(1), f.field(0), AmisFrames.PROTOCOL_VERSION);
            respond(Response.PROTOCOL_NOT_SUPPORTED);
            return;
        }
        remoteSystem = f.field(1);
        if (phase == Phase.NEW) {
            phase = Phase.SESSION;
            LOG.info("AMIS: session from system {}", remoteSystem);
        }
        respond(Response.OK); // again when our OK was lost and the originator repeats the frame
    }

    private void header(DataFrame f) {
        if (phase == Phase.NEW) {
            respond(Response.BUSY); // no start of session: a protocol error, call again
            return;
        }
        if (phase == Phase.MESSAGE) {
            discard(); // our OK was lost: the originator sends the header again before playing
        }
        String mailbox = f.field(0);
        String from = f.field(1);
        int seconds;
        try {
            seconds = Integer.parseInt(f.field(2));
        } catch (NumberFormatException e) {
            seconds = Integer.MAX_VALUE;
        }
        if (seconds > maxMessageSeconds) {
            refuse(Response.MESSAGE_TOO_LONG, mailbox, from);
            return;
        }
        MessageDraft d;
        try {
            d = inbox.begin(mailbox, remoteSystem, from);
        } catch (MailboxFullException e) {
            refuse(Response.MAILBOX_FULL, mailbox, from);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warn("AMIS: message from {} mailbox {} for mailbox {} could not be begun: {}", describeRemote(), from,
                    mailbox, e.toString());
            respond(Response.BUSY);
            return;
        }
        if (d == null) {
            refuse(Response.MAILBOX_UNKNOWN, mailbox, from);
            return;
        }
        draft = d;
        phase = Phase.MESSAGE;
        int max = (int) Math.min(d.maxDuration().toMillis(), (long) maxMessageSeconds * 1000 + AmisFrames.MESSAGE_SILENCE_MILLIS);
        LOG.info("AMIS: message of {} s from system {} mailbox {} for mailbox {}", seconds, remoteSystem, from, mailbox);
        // the recorder starts with the OK, so the message's first word is kept
        respondThen(Response.OK, () -> {
            if (draft == d) {
                recording = line.record(d.recordingFile(), max);
            }
        });
    }

    private void refuse(Response r, String mailbox, String from) {
        refused++;
        LOG.info("AMIS: message from system {} mailbox {} for mailbox {} refused: {}", remoteSystem, from, mailbox, r);
        respond(r);
    }

    private void endOfMessage() {
        if (phase != Phase.MESSAGE || draft == null) {
            respond(Response.OK); // our OK to it was lost; it was kept the first time
            return;
        }
        MessageDraft d = draft;
        draft = null;
        phase = Phase.SESSION;
        CompletionStage<RecordOutcome> rec = recording == null ? CompletableFuture.completedFuture(null) : recording;
        recording = null;
        // the * of this frame stopped the recorder; commit once it has closed the file
        rec.whenComplete((outcome, failure) -> {
            try {
                d.commit();
                recorded++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("AMIS: message for mailbox {} not kept: {}", d.mailbox(), e.toString());
            }
            respond(Response.OK);
        });
    }

    private void discard() {
        MessageDraft d = draft;
        CompletionStage<RecordOutcome> rec = recording == null ? CompletableFuture.completedFuture(null) : recording;
        draft = null;
        recording = null;
        if (d != null) {
            // after the recorder has let go of the file (it stops when the call ends)
            rec.whenComplete((outcome, failure) -> {
                try {
                    d.discard();
                } catch (IOException e) {
                    LOG.warn("AMIS: unfinished message for mailbox {} not thrown away: {}", d.mailbox(), e.toString());
                }
            });
        }
    }

    private void respond(Response r) {
        respondThen(r, () -> { });
    }

    private void respondThen(Response r, Runnable then) {
        idleTimer.run();
        line.after(ANSWER_DELAY_MILLIS, () -> {
            if (report.isDone()) {
                return;
            }
            String digits = AmisFrames.response(r);
            line.send(digits);
            idle();
            then.run();
        });
    }

    private void finish(String outcome) {
        if (report.isDone()) {
            return;
        }
        if (phase == Phase.MESSAGE) {
            LOG.info("AMIS: call from system {} ended during a message: not kept, the originator sends it again", remoteSystem);
            discard();
        }
        digitTimer.run();
        idleTimer.run();
        Duration wait = Duration.ofMillis(4L * DIGIT_SPACING_MILLIS);
        report.complete(new Report(remoteSystem, recorded, refused, outcome));
        if (outcome.equals("completed")) {
            line.after(wait.toMillis(), line::hangUp); // let the last response frame go out
        } else {
            line.hangUp();
        }
    }
}
