package org.callpost.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The media engine's settings (Config Admin pid {@code org.callpost.media}). */
@ObjectClassDefinition(id = "org.callpost.media", name = "Callpost media engine",
        description = "RTP media for all lines: clock threads, packet marking, jitter buffer, codec order")
public @interface MediaEngineConfig {

    @AttributeDefinition(name = "Media clock threads", min = "1", max = "32",
            description = "Threads that send, receive and time the packets of every call (not one per call). "
                    + "One per CPU core is right; read when the engine starts.")
    int clock_threads() default 2;

    @AttributeDefinition(name = "DSCP for RTP", min = "0", max = "63",
            description = "Differentiated Services code point on RTP and RTCP packets when the line does not "
                    + "set its own; 46 is Expedited Forwarding, what voice should use.")
    int rtp_dscp() default 46;

    @AttributeDefinition(name = "Jitter buffer (ms)", min = "20", max = "1000",
            description = "How far playout to the recorder runs behind the newest audio received. "
                    + "Larger survives worse networks; recordings do not mind the delay.")
    int jitter_buffer_millis() default 80;

    @AttributeDefinition(name = "In-band DTMF with telephone-events",
            description = "Also listen for keys as tones in the audio when the call negotiated RFC 4733 "
                    + "telephone-events. Off: in-band detection runs only on calls without telephone-events, "
                    + "which saves most of its cost; on, for PBXes that send some keys one way and some the other "
                    + "(a key heard both ways is still acted on once).")
    boolean dtmf_inband_with_telephone_event() default false;

    @AttributeDefinition(name = "Codec preference",
            description = "Encoding names in the order the SDP offer lists them; installed codecs not named "
                    + "here follow. The PBX's choice from the offer wins.")
    String[] codec_preference() default {"PCMA", "PCMU", "G729"};

    @AttributeDefinition(name = "Prompt cache (MB)", min = "0", max = "4096",
            description = "Greetings and prompts are decoded once (for G.711 also encoded once) and shared by every "
                    + "call playing them, up to this much memory (the least recently played are dropped first); a "
                    + "changed file is read again. "
                    + "0: every play reads its files. Read when the engine starts.")
    int prompt_cache_megabytes() default 64;

    @AttributeDefinition(name = "Force recordings to disk every second",
            description = "Recordings are written to the operating system every half second (a crash of Callpost "
                    + "loses at most that) and forced to disk when they end. On: also fsync each recording once a "
                    + "second, so a power cut loses at most a second; costs one disk sync per call per second.")
    boolean record_fsync() default false;

    @AttributeDefinition(name = "Send silence",
            description = "While Callpost plays nothing (a caller speaking a message, a menu waiting for a key) it "
                    + "sends no RTP, as Asterisk does by default: half the packets of a recording call. On: a packet "
                    + "of silence every 20 ms instead, for a PBX or NAT that ends calls without RTP from the voice mail.")
    boolean send_silence() default false;
}
