package org.callpost.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.callpost.api.media.CodecChannel;
import org.callpost.media.internal.rtp.RtpPacket;

/**
 * The far end in tests: a phone on its own UDP socket on 127.0.0.1 that sends RTP with real
 * timing and captures what the session sends.
 */
final class RtpPeer implements AutoCloseable {
    final DatagramChannel channel;
    final List<byte[]> captured = Collections.synchronizedList(new ArrayList<>());
    private final Thread capture;
    private volatile boolean running = true;
    int sequence = 1000;
    int timestamp = 0x7FFFFF00; // close to a wrap on purpose
    long ssrc = 0x12345678L;

    RtpPeer() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.socket().setSoTimeout(100);
        capture = new Thread(this::captureLoop, "rtp-peer-capture");
        capture.setDaemon(true);
        capture.start();
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    private void captureLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (running) {
            try {
                buffer.clear();
                java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[2048], 2048);
                channel.socket().receive(packet);
                byte[] copy = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                captured.add(copy);
            } catch (SocketTimeoutException e) {
                // check running
            } catch (IOException e) {
                return;
            }
        }
    }

    void send(byte[] data, int length, int toPort) throws IOException {
        channel.send(ByteBuffer.wrap(data, 0, length), new InetSocketAddress("127.0.0.1", toPort));
    }

    /** Sends one RTP packet and advances sequence (timestamp is left to the caller). */
    void sendRtp(int payloadType, boolean marker, int ts, byte[] payload, int length, int toPort) throws IOException {
        byte[] packet = new byte[12 + length];
        RtpPacket.writeHeader(packet, marker, payloadType, sequence, ts, ssrc);
        System.arraycopy(payload, 0, packet, 12, length);
        sequence = (sequence + 1) & 0xFFFF;
        send(packet, packet.length, toPort);
    }

    /** Sends {@code pcm} as 20 ms packets in real time (absolute schedule, like a phone). */
    void stream(short[] pcm, CodecChannel codec, int payloadType, int toPort) throws IOException {
        byte[] payload = new byte[160];
        long start = System.nanoTime();
        for (int frame = 0; frame * 160 < pcm.length; frame++) {
            long due = start + frame * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = Math.min(160, pcm.length - frame * 160);
            codec.encode(pcm, frame * 160, n, payload, 0);
            sendRtp(payloadType, frame == 0, timestamp, payload, n, toPort);
            timestamp += n;
        }
    }

    /** The captured RTP packets with payload type {@code pt}. */
    List<byte[]> capturedOfType(int pt) {
        List<byte[]> result = new ArrayList<>();
        synchronized (captured) {
            for (byte[] p : captured) {
                if (p.length >= 12 && (p[1] & 0x7F) == pt && (p[0] & 0xC0) == 0x80) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            capture.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
