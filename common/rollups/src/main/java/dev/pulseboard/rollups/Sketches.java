package dev.pulseboard.rollups;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one sketch configuration of the platform. Every stage must agree on it, or merged
 * sketches would mix index mappings.
 */
public final class Sketches {
    /** Quantiles are within 1% of the exact value. */
    public static final double RELATIVE_ACCURACY = 0.01;
    /**
     * With 1% accuracy, 2048 bins cover about 17 orders of magnitude before the lowest bins
     * collapse, far beyond any latency or size a customer reports.
     */
    public static final int MAX_BINS = 2048;

    private Sketches() {
    }

    public static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
    }

    /** The compact DDSketch encoding, with its index mapping so that any reader can decode it. */
    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.trimmedCopy();
    }

    /** Adds an encoded sketch's counts to {@code target}, which must use the same index mapping (all of ours do). */
    public static void decodeInto(DDSketch target, byte[] encoded) {
        try {
            target.decodeAndMergeWith(ByteArrayInput.wrap(encoded));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed sketch", e);
        }
    }

    public static DDSketch decode(byte[] encoded) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(encoded), () -> new CollapsingLowestDenseStore(MAX_BINS));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed sketch", e);
        }
    }
}
