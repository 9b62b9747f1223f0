package dev.pulseboard.service.http;

import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** RestClients for calls between Pulseboard's services: always with timeouts, so a stuck peer cannot hold a caller's threads. */
public final class ServiceClients {
    private ServiceClients() {
    }

    public static RestClient to(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connectTimeout);
        requests.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
    }
}
