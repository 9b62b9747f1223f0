package dev.pulseboard.demo;

import dev.pulseboard.sdk.PulseboardClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * A pretend shop: checkout requests with long-tailed latencies per endpoint and region, order
 * counts, and a trickle of errors that rises now and then. Usage:
 * {@code DemoTraffic <demo.env> <ingestion URL> <token URL>}.
 */
public final class DemoTraffic {
    private static final List<String> ENDPOINTS = List.of("/pay", "/cart", "/search");
    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final int REQUESTS_PER_SECOND = 300;

    private DemoTraffic() {
    }

    public static void main(String[] args) throws IOException {
        Properties demo = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            demo.load(in);
        }
        PulseboardClient pulse = PulseboardClient.builder()
                .endpoint(URI.create(args[1]))
                .clientCredentials(URI.create(args[2]), demo.getProperty("PB_CLIENT_ID"), demo.getProperty("PB_CLIENT_SECRET"))
                .flushInterval(Duration.ofMillis(250))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(pulse::close));
        run(pulse, new Random());
    }

    private static void run(PulseboardClient pulse, Random random) {
        long tickNanos = 1_000_000_000L / REQUESTS_PER_SECOND;
        long next = System.nanoTime();
        long request = 0;
        while (!Thread.currentThread().isInterrupted()) {
            String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            Map<String, String> tags = Map.of("endpoint", endpoint, "region", region);
            // For 15 s of every minute the shop is slow and error-prone, so the charts have something to show.
            boolean incident = (System.currentTimeMillis() / 15_000) % 4 == 3;
            double base = "/search".equals(endpoint) ? 2.5 : "/pay".equals(endpoint) ? 3.5 : 3.0;
            double latency = Math.exp(base + random.nextGaussian() * 0.6) * (incident ? 2.5 : 1.0);
            pulse.record("checkout.latency_ms", Math.round(latency * 100) / 100.0, tags);
            if ("/pay".equals(endpoint)) {
                pulse.increment("checkout.count", Map.of("region", region));
            }
            if (random.nextDouble() < (incident ? 0.05 : 0.005)) {
                pulse.increment("checkout.errors", Map.of("endpoint", endpoint, "status", random.nextBoolean() ? "500" : "503"));
            }
            request++;
            next += tickNanos;
            LockSupport.parkNanos(next - System.nanoTime());
            if (request % (REQUESTS_PER_SECOND * 60L) == 0) {
                System.out.println("demo traffic: " + pulse.stats());
            }
        }
    }
}
