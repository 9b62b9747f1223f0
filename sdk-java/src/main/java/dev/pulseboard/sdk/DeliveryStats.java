package dev.pulseboard.sdk;

/**
 * Counters since the client was built, for the application to read or export.
 *
 * <p>{@code sent} events were accepted by Pulseboard; {@code rejected} were refused one by one
 * as invalid; {@code dropped} never left the process (buffer overflow or client-side
 * validation); {@code failed} were given up after retries or refused as a whole batch;
 * {@code retried} counts request attempts that were repeated.
 */
public final class DeliveryStats {
    private final long sent;
    private final long rejected;
    private final long dropped;
    private final long failed;
    private final long retried;

    public DeliveryStats(long sent, long rejected, long dropped, long failed, long retried) {
        this.sent = sent;
        this.rejected = rejected;
        this.dropped = dropped;
        this.failed = failed;
        this.retried = retried;
    }

    public long sent() {
        return sent;
    }

    public long rejected() {
        return rejected;
    }

    public long dropped() {
        return dropped;
    }

    public long failed() {
        return failed;
    }

    public long retried() {
        return retried;
    }

    @Override
    public String toString() {
        return "DeliveryStats{sent=" + sent + ", rejected=" + rejected + ", dropped=" + dropped
                + ", failed=" + failed + ", retried=" + retried + "}";
    }
}
