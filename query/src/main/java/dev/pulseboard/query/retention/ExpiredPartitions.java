package dev.pulseboard.query.retention;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a partition of a rollup table has expired. Partitions are (tenant bucket, day)
 * for the 1 s tier and (tenant bucket, month) for the others; a partition expires once all of its
 * time is older than the cutoff, so data is kept at least as long as promised.
 */
final class ExpiredPartitions {
    private static final Pattern BUCKET_AND_PERIOD = Pattern.compile("\\(\\s*(\\d+)\\s*,\\s*(\\d{6}|\\d{8})\\s*\\)");

    private ExpiredPartitions() {
    }

    /** The partition's literal for DROP PARTITION, when {@code partition} (as system.parts shows it) ended before {@code cutoff}. */
    static Optional<String> expired(String partition, LocalDate cutoff) {
        Matcher match = BUCKET_AND_PERIOD.matcher(partition);
        if (!match.matches()) {
            return Optional.empty();
        }
        String period = match.group(2);
        LocalDate end = period.length() == 8
                ? LocalDate.parse(period, DateTimeFormatter.BASIC_ISO_DATE).plusDays(1)
                : YearMonth.parse(period, DateTimeFormatter.ofPattern("yyyyMM")).plusMonths(1).atDay(1);
        return end.isAfter(cutoff) ? Optional.empty() : Optional.of("(" + match.group(1) + ", " + period + ")");
    }
}
