package org.callpost.web.internal.audio;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import org.junit.Test;

public class ByteRangeTest {
    private static ByteRange.Outcome parse(String header, long length) {
        return ByteRange.parse(Optional.ofNullable(header), length);
    }

    private static ByteRange.Outcome part(long first, long last) {
        return new ByteRange.Part(new ByteRange(first, last));
    }

    @Test
    public void noRangeIsTheWholeFile() {
        assertEquals(new ByteRange.Whole(), parse(null, 1000));
    }

    @Test
    public void fromTo() {
        assertEquals(part(0, 43), parse("bytes=0-43", 1000));
        assertEquals(part(100, 199), parse("bytes=100-199", 1000));
        assertEquals("a last byte beyond the end is the end", part(900, 999), parse("bytes=900-5000", 1000));
        assertEquals(part(5, 5), parse(" Bytes=5-5 ", 1000));
    }

    @Test
    public void fromToTheEnd() {
        assertEquals(part(500, 999), parse("bytes=500-", 1000));
        assertEquals(part(999, 999), parse("bytes=999-", 1000));
    }

    @Test
    public void theLastNBytes() {
        assertEquals(part(900, 999), parse("bytes=-100", 1000));
        assertEquals("more than there is: all of it", part(0, 999), parse("bytes=-5000", 1000));
    }

    @Test
    public void unsatisfiable() {
        assertEquals(new ByteRange.Unsatisfiable(), parse("bytes=1000-", 1000));
        assertEquals(new ByteRange.Unsatisfiable(), parse("bytes=2000-3000", 1000));
        assertEquals(new ByteRange.Unsatisfiable(), parse("bytes=-0", 1000));
        assertEquals(new ByteRange.Unsatisfiable(), parse("bytes=0-", 0));
    }

    @Test
    public void severalRangesAreIgnoredForTheWholeFile() {
        assertEquals(new ByteRange.Whole(), parse("bytes=0-10,20-30", 1000));
    }

    @Test
    public void badSyntaxAndOtherUnitsAreIgnored() {
        assertEquals(new ByteRange.Whole(), parse("bytes=10-5", 1000));
        assertEquals(new ByteRange.Whole(), parse("bytes=a-b", 1000));
        assertEquals(new ByteRange.Whole(), parse("bytes=-", 1000));
        assertEquals(new ByteRange.Whole(), parse("bytes=5", 1000));
        assertEquals(new ByteRange.Whole(), parse("items=0-5", 1000));
        assertEquals(new ByteRange.Whole(), parse("bytes=+1-5", 1000));
    }

    @Test
    public void contentRange() {
        assertEquals("bytes 0-43/1000", new ByteRange(0, 43).contentRange(1000));
        assertEquals(44, new ByteRange(0, 43).size());
    }
}
