package dev.pulseboard.service.pulsar;

import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.PulsarClientSharedResources;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.pulsar.core.PulsarClientBuilderCustomizer;

/**
 * A Pulsar client's timer ticks every millisecond by default, idle or not: on this project's
 * two-core machines that was 15% of a core in push-gateway, taken from the work the service is
 * there for. What the timer watches (send, operation and lookup timeouts) is measured in seconds,
 * so services tick it every {@value #TICK_MILLIS} ms instead.
 */
@AutoConfiguration
@ConditionalOnClass({PulsarClientBuilderCustomizer.class, PulsarClientSharedResources.class})
public class PulsarTimerAutoConfiguration {
    static final long TICK_MILLIS = 10;

    @Bean(destroyMethod = "close")
    PulsarClientSharedResources pulsarClientTimer() {
        return PulsarClientSharedResources.builder()
                .resourceTypes(PulsarClientSharedResources.SharedResource.Timer)
                .configureTimer(timer -> timer.name("pulsar-timer").tickDuration(TICK_MILLIS, TimeUnit.MILLISECONDS))
                .build();
    }

    @Bean
    PulsarClientBuilderCustomizer coarserPulsarTimer(PulsarClientSharedResources pulsarClientTimer) {
        return client -> client.sharedResources(pulsarClientTimer);
    }
}
