package dev.pulseboard.gateway.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.SendHandler;
import java.lang.reflect.Constructor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.websocket.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tomcat's report of a finished send runs on the thread that hands it over, and every other task
 * still goes to the workers. Built from Tomcat's own class: a Tomcat that renames it fails here.
 */
class InlineSendResultsTest {
    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void tomcatsSendResultRunsOnTheCallingThread() throws Exception {
        Constructor<?> report = Class.forName(InlineSendResults.SEND_RESULT_TASK)
                .getDeclaredConstructor(WsSession.class, SendHandler.class, Throwable.class);
        report.setAccessible(true);
        CompletableFuture<Thread> reportedOn = new CompletableFuture<>();
        Runnable sendResult = (Runnable) report.newInstance(null, (SendHandler) result -> reportedOn.complete(Thread.currentThread()), null);

        InlineSendResults.inlineSendResults(workers).execute(sendResult);

        assertThat(reportedOn).isCompletedWithValue(Thread.currentThread());
    }

    @Test
    void everyOtherTaskGoesToTheWorkers() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();

        InlineSendResults.inlineSendResults(workers).execute(() -> ranOn.complete(Thread.currentThread()));

        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isNotEqualTo(Thread.currentThread());
    }
}
