package dev.pulseboard.events;

/** Names of the Pulsar topics that connect the pipeline's stages. */
public final class EventTopics {
    /** Every tenant's event topic lives in this namespace, so one pattern subscription reads them all. */
    public static final String EVENTS_NAMESPACE = "public/default";
    public static final String EVENTS_TOPIC_PATTERN = "persistent://" + EVENTS_NAMESPACE + "/events-.*";
    public static final String LIVE_ROLLUPS_TOPIC = "persistent://" + EVENTS_NAMESPACE + "/rollups-live";

    private EventTopics() {
    }

    public static String eventsTopic(String tenantId) {
        return "persistent://" + EVENTS_NAMESPACE + "/events-" + tenantId;
    }
}
