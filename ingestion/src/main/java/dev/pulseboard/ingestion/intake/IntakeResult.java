package dev.pulseboard.ingestion.intake;

import java.util.List;

/** The contract's 202 body: how many events were stored, and why the others were not. */
public record IntakeResult(int accepted, int rejected, List<Rejection> errors) {
    public record Rejection(int index, String reason) {
    }
}
