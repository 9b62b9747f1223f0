package dev.pulseboard.query.storage;

import com.clickhouse.client.api.Client;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {
    @Bean(destroyMethod = "close")
    Client clickHouse(@Value("${pulseboard.clickhouse.url}") String url) {
        // ClickHouse 18.16 answers compressed requests with an empty body, so compression stays off.
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .compressClientRequest(false)
                .build();
    }
}
