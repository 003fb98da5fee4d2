package org.callpost.amis.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The example conversation (test resource amis-example-conversation.txt), line by line. */
final class ExampleConversation {
    /** @param originator whether the originating system sends it; {@code digits} is "play" for the message */
    record Step(boolean originator, String digits, int playSeconds, String meaning) {
    }

    static List<Step> steps() throws IOException {
        List<Step> steps = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ExampleConversation.class.getResourceAsStream("/amis-example-conversation.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.trim().split("\\s+", 3);
                if (w[1].equals("play")) {
                    String[] rest = w[2].split("\\s+", 2);
                    steps.add(new Step(true, "play", Integer.parseInt(rest[0]), rest[1]));
                } else {
                    steps.add(new Step(w[0].equals("O"), w[1], 0, w[2]));
                }
            }
        }
        return steps;
    }

    static List<String> framesOf(boolean originator) throws IOException {
        return steps().stream().filter(s -> s.originator() == originator && !s.digits().equals("play"))
                .map(Step::digits).toList();
    }
}
