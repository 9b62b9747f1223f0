package dev.pulseboard.query.history;

import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a query point reports about a bucket: count, sum, min, max, avg, rate, or a quantile pNN / pNN.N. */
public record Aggregation(String name, Kind kind, double quantile) {
    enum Kind { COUNT, SUM, MIN, MAX, AVG, RATE, QUANTILE }

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d{1,3})?|100)");

    public static Optional<Aggregation> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.QUANTILE && kind.name().equalsIgnoreCase(name)) {
                return Optional.of(new Aggregation(name.toLowerCase(), kind, Double.NaN));
            }
        }
        Matcher percentile = PERCENTILE.matcher(name);
        if (percentile.matches()) {
            return Optional.of(new Aggregation(name, Kind.QUANTILE, Double.parseDouble(percentile.group(1)) / 100));
        }
        return Optional.empty();
    }

    /** The bucket's value; NaN when it has none (e.g. the average of pure occurrences). */
    public double apply(WindowStats stats, Window bucket) {
        return switch (kind) {
            case COUNT -> stats.count();
            case SUM -> stats.sum();
            case MIN -> stats.min();
            case MAX -> stats.max();
            case AVG -> stats.avg();
            case RATE -> stats.rate(bucket);
            case QUANTILE -> stats.quantile(quantile);
        };
    }
}
