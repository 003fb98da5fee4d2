package org.callpost.web.internal.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;
import org.callpost.web.internal.http.ApiResponse;

/** Answers a GET of a stored WAV: whole (200) or the one range asked for (206), or 416. */
public final class AudioAnswer {
    public static final String TYPE = "audio/wav";

    private AudioAnswer() {
    }

    /** @param gone what to say when the file went away meanwhile (a message moved or purged) */
    public static ApiResponse of(Path file, ApiRequest request, String gone) throws IOException {
        long length;
        try {
            length = Files.size(file);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound(gone);
        }
        ByteRange.Outcome outcome = ByteRange.parse(request.header("range"), length);
        if (outcome instanceof ByteRange.Part part) {
            ByteRange r = part.range();
            return ApiResponse.file(206, new ApiResponse.FilePart(file, TYPE, r.first(), r.last(), length))
                    .header("Accept-Ranges", "bytes").header("Content-Range", r.contentRange(length));
        }
        if (outcome instanceof ByteRange.Unsatisfiable) {
            throw new ApiException(416, "The range asked for is outside the recording (" + length + " bytes)",
                    Map.of(), Map.of("Content-Range", "bytes */" + length));
        }
        return ApiResponse.file(200, new ApiResponse.FilePart(file, TYPE, 0, length - 1, length))
                .header("Accept-Ranges", "bytes");
    }
}
