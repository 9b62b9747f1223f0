package dev.pulseboard.sdk.internal;

import java.io.IOException;

/** Where the sender gets its bearer token; {@link #invalidate()} after a 401 forces a fresh one. */
public interface Tokens {
    String current() throws IOException, InterruptedException;

    void invalidate();
}
