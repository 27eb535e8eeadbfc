package io.groupsync.record;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.BitSet;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The commit metadata that remembers which records above the committed offset are already finished, so that a
 * restart neither repeats nor loses their outcomes (the idea of Parallel Consumer's offset map).
 *
 * <p>Form: {@code gs1<r|z>:<span>:<base64>} — a bit set over {@code [committed, committed + span)} in which a set
 * bit marks a record still unfinished; {@code r} carries it raw, {@code z} deflated, whichever is shorter. Offsets
 * at or past the span are unfinished. An empty span is written as the empty string.
 */
public final class OffsetMetadataCodec {

    private static final String PREFIX = "gs1";
    private static final int HEADER_ALLOWANCE = 32;

    private final int maxChars;

    /** @param maxChars the longest metadata the broker accepts ({@code offset.metadata.max.bytes}, 4096 by default) */
    public OffsetMetadataCodec(int maxChars) {
        if (maxChars < 256) {
            throw new IllegalArgumentException("offset metadata budget too small to be useful: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The widest span whose bit set is sure to fit the budget even uncompressed. */
    public int maxSpan() {
        return (maxChars - HEADER_ALLOWANCE) / 4 * 3 * 8;
    }

    /** Encodes the unfinished offsets of {@code [committed, committed + span)}; {@code unfinished} is relative. */
    public String encode(BitSet unfinished, int span) {
        if (span == 0) {
            return "";
        }
        if (span > maxSpan()) {
            throw new IllegalArgumentException("span " + span + " is wider than the budget allows: " + maxSpan());
        }
        byte[] raw = unfinished.get(0, span).toByteArray();
        byte[] deflated = deflate(raw);
        boolean zipped = deflated.length < raw.length;
        return PREFIX + (zipped ? 'z' : 'r') + ':' + span + ':'
                + Base64.getEncoder().withoutPadding().encodeToString(zipped ? deflated : raw);
    }

    /** What a commit remembered; an empty or foreign metadata string remembers nothing. */
    public Decoded decode(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX) || metadata.length() < PREFIX.length() + 3) {
            return Decoded.NOTHING;
        }
        try {
            char form = metadata.charAt(PREFIX.length());
            int colon = metadata.indexOf(':', PREFIX.length() + 2);
            int span = Integer.parseInt(metadata.substring(PREFIX.length() + 2, colon));
            byte[] bytes = Base64.getDecoder().decode(metadata.substring(colon + 1));
            if (form == 'z') {
                bytes = inflate(bytes);
            } else if (form != 'r') {
                return Decoded.NOTHING;
            }
            return new Decoded(BitSet.valueOf(bytes), span);
        } catch (RuntimeException | DataFormatException e) {
            throw new IllegalStateException("unreadable offset metadata, refusing to guess which records are done: "
                    + metadata, e);
        }
    }

    /**
     * @param unfinished set bits mark unfinished offsets, relative to the committed offset
     * @param span       how far the knowledge reaches; at or past it everything is unfinished
     */
    public record Decoded(BitSet unfinished, int span) {
        static final Decoded NOTHING = new Decoded(new BitSet(), 0);

        public boolean isFinished(int relativeOffset) {
            return relativeOffset < span && !unfinished.get(relativeOffset);
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 16);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] zipped) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zipped);
            ByteArrayOutputStream out = new ByteArrayOutputStream(zipped.length * 4);
            byte[] buffer = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated deflate stream");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
