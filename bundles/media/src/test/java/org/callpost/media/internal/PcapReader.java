package org.callpost.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Just enough libpcap reading for test captures: Ethernet, Linux-cooked or raw IPv4, UDP. */
final class PcapReader {
    private PcapReader() {
    }

    static List<byte[]> udpPayloads(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = header.getInt(0);
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            header.order(ByteOrder.BIG_ENDIAN); // file written on a big-endian machine
            magic = header.getInt(0);
            if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
                throw new IOException(file + ": not a pcap file");
            }
        }
        int linkType = header.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14;    // Ethernet
            case 113 -> 16;  // Linux cooked
            case 101 -> 0;   // raw IP
            default -> throw new IOException("link type " + linkType);
        };
        List<byte[]> payloads = new ArrayList<>();
        int p = 24;
        while (p + 16 <= bytes.length) {
            int captured = header.getInt(p + 8);
            int frame = p + 16;
            int ip = frame + linkHeader;
            if (((bytes[ip] >> 4) & 0xF) == 4 && bytes[ip + 9] == 17) { // IPv4, UDP
                int udp = ip + (bytes[ip] & 0x0F) * 4;
                int udpLength = (bytes[udp + 4] & 0xFF) << 8 | bytes[udp + 5] & 0xFF; // network order
                byte[] payload = new byte[udpLength - 8];
                System.arraycopy(bytes, udp + 8, payload, 0, payload.length);
                payloads.add(payload);
            }
            p = frame + captured;
        }
        return payloads;
    }
}
