package org.callpost.amis.internal;

import static org.callpost.amis.internal.AmisFrames.DIGIT_SPACING_MILLIS;
import static org.callpost.amis.internal.AmisFrames.ECHO_IGNORE_MILLIS;
import static org.callpost.amis.internal.AmisFrames.INTER_DIGIT_MILLIS;
import static org.callpost.amis.internal.AmisFrames.MAX_RETRANSMITS;
import static org.callpost.amis.internal.AmisFrames.RESPONSE_WAIT_MILLIS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.callpost.amis.internal.AmisFrames.Bad;
import org.callpost.amis.internal.AmisFrames.Complete;
import org.callpost.amis.internal.AmisFrames.DataType;
import org.callpost.amis.internal.AmisFrames.Response;
import org.callpost.api.media.PlayOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The originating system's side of one AMIS call: start of session, then per message its header,
 * the message played, end of message, and at last end of session. Each frame waits for its
 * response frame; a frame asked for again (or unanswered) is sent again up to
 * {@link AmisFrames#MAX_RETRANSMITS} times, then the session ends. Messages the call did not get
 * through stay {@link Result#NOT_SENT} for the next session.
 */
final class OriginatingSession {
    private static final Logger LOG = LoggerFactory.getLogger(OriginatingSession.class);

    /** A message to send: its header's fields and its audio. */
    record Outgoing(String id, String toMailbox, String fromMailbox, int seconds, Path audio) {
        Outgoing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(toMailbox, "toMailbox");
            Objects.requireNonNull(fromMailbox, "fromMailbox");
            Objects.requireNonNull(audio, "audio");
        }
    }

    enum Result {
        DELIVERED,
        REFUSED,
        NOT_SENT
    }

    /** @param response the destination's answer that decided it, null when none did */
    record MessageResult(Outgoing message, Result result, Response response) {
    }

    /** @param outcome how the session ended, in words ("completed", "no response to ...", "call ended ...") */
    record Report(List<MessageResult> results, String outcome) {
        long count(Result r) {
            return results.stream().filter(m -> m.result() == r).count();
        }
    }

    private enum Phase {
        START,
        HEADER,
        MESSAGE,
        END_OF_MESSAGE,
        END,
        DONE
    }

    private final AmisLine line;
    private final String systemNumber;
    private final List<Outgoing> batch;
    private final List<MessageResult> results = new ArrayList<>();
    private final CompletableFuture<Report> report = new CompletableFuture<>();
    private final AmisFrames.ResponseReader reader = new AmisFrames.ResponseReader();
    private Phase phase = Phase.START;
    private int index;
    private String frame = "";
    private int sent;
    private boolean listening;
    private Runnable timer = () -> { };

    OriginatingSession(AmisLine line, String systemNumber, List<Outgoing> batch) {
        this.line = line;
        this.systemNumber = systemNumber;
        this.batch = List.copyOf(batch);
    }

    /** Starts on the answered call (on the session's thread); completes when the call is over. */
    CompletionStage<Report> run() {
        line.listen(this::digit);
        line.ended().thenRun(() -> finish("call ended" + (phase == Phase.DONE ? "" : " during " + describe())));
        send(AmisFrames.data(DataType.START_SESSION, AmisFrames.PROTOCOL_VERSION, systemNumber));
        return report;
    }

    private String describe() {
        return switch (phase) {
            case START -> "start of session";
            case HEADER -> "header of message " + (index + 1);
            case MESSAGE -> "message " + (index + 1);
            case END_OF_MESSAGE -> "end of message " + (index + 1);
            case END, DONE -> "end of session";
        };
    }

    private void send(String digits) {
        if (!digits.equals(frame)) {
            frame = digits;
            sent = 0;
        }
        sent++;
        listening = false;
        reader.reset();
        line.send(digits);
        // echoes of our own digits are ignored until a second after the last one
        timer.run();
        timer = line.after((long) digits.length() * DIGIT_SPACING_MILLIS + ECHO_IGNORE_MILLIS, () -> {
            listening = true;
            timer = line.after(RESPONSE_WAIT_MILLIS, this::noResponse);
        });
    }

    private void digit(char c) {
        if (!listening || phase == Phase.DONE || phase == Phase.MESSAGE) {
            return;
        }
        AmisFrames.Read r = reader.digit(c);
        if (r instanceof Complete<?> || r instanceof Bad || reader.inFrame()) {
            timer.run(); // a response is arriving: the wait for it is over
            timer = () -> { };
        }
        if (r instanceof Complete<?> done) {
            listening = false;
            answered((Response) done.frame());
        } else if (r instanceof Bad bad) {
            LOG.info("AMIS: response frame '{}' not understood ({}) after {}", bad.digits(), bad.why(), describe());
            again("garbled response");
        } else if (reader.inFrame()) {
            timer = line.after(INTER_DIGIT_MILLIS, () -> end(AmisFrames.END_TIMEOUT,
                    "response cut short after " + describe()));
        }
    }

    private void noResponse() {
        again("no response");
    }

    /** The frame is sent again, unless it has been too often. */
    private void again(String why) {
        if (sent > MAX_RETRANSMITS) {
            end(AmisFrames.END_TIMEOUT, why + " to " + describe() + " after " + sent + " tries");
        } else {
            send(frame);
        }
    }

    private void answered(Response r) {
        if (r == Response.RETRANSMIT) {
            again("asked again");
            return;
        }
        switch (phase) {
            case START -> {
                if (r == Response.OK) {
                    nextMessage();
                } else {
                    end(AmisFrames.END_NORMAL, "session refused: " + r);
                }
            }
            case HEADER -> {
                if (r == Response.OK) {
                    play();
                } else if (r.refusesMessage()) {
                    results.add(new MessageResult(batch.get(index), Result.REFUSED, r));
                    index++;
                    nextMessage();
                } else {
                    end(AmisFrames.END_NORMAL, "message refused for now: " + r);
                }
            }
            case END_OF_MESSAGE -> {
                Result result = r == Response.OK ? Result.DELIVERED : r.refusesMessage() ? Result.REFUSED : Result.NOT_SENT;
                results.add(new MessageResult(batch.get(index), result, r));
                index++;
                if (result == Result.NOT_SENT) {
                    end(AmisFrames.END_NORMAL, "message not kept: " + r);
                } else {
                    nextMessage();
                }
            }
            case END -> finish("completed");
            default -> {
            }
        }
    }

    private void nextMessage() {
        if (index < batch.size()) {
            Outgoing m = batch.get(index);
            phase = Phase.HEADER;
            send(AmisFrames.data(DataType.MESSAGE_HEADER, m.toMailbox(), m.fromMailbox(), String.valueOf(m.seconds())));
        } else {
            phase = Phase.END;
            send(AmisFrames.data(DataType.END_SESSION, AmisFrames.END_NORMAL));
        }
    }

    private void play() {
        phase = Phase.MESSAGE;
        Outgoing m = batch.get(index);
        line.play(m.audio()).whenComplete((outcome, failure) -> {
            if (phase != Phase.MESSAGE) {
                return; // the call ended meanwhile
            }
            if (failure == null && outcome.reason() == PlayOutcome.Reason.SESSION_CLOSED) {
                finish("call ended during " + describe());
                return;
            }
            if (failure != null || outcome.reason() != PlayOutcome.Reason.COMPLETED) {
                end(AmisFrames.END_ERROR, "message " + (index + 1) + " could not be played");
                return;
            }
            phase = Phase.END_OF_MESSAGE;
            send(AmisFrames.data(DataType.END_OF_MESSAGE, String.valueOf(m.seconds())));
        });
    }

    /** Ends the session with an end-of-session frame (not waiting for its answer) and hangs up. */
    private void end(String reason, String outcome) {
        if (phase == Phase.DONE) {
            return;
        }
        String digits = AmisFrames.data(DataType.END_SESSION, reason);
        line.send(digits);
        String why = outcome;
        Phase was = phase;
        phase = Phase.END;
        timer.run();
        timer = line.after((long) digits.length() * DIGIT_SPACING_MILLIS, () -> finish(why));
        LOG.info("AMIS: session ends during {}: {}", was, outcome);
    }

    private void finish(String outcome) {
        if (report.isDone()) {
            return;
        }
        phase = Phase.DONE;
        timer.run();
        for (int i = results.size(); i < batch.size(); i++) {
            results.add(new MessageResult(batch.get(i), Result.NOT_SENT, null));
        }
        report.complete(new Report(List.copyOf(results), outcome));
        line.hangUp();
    }
}
