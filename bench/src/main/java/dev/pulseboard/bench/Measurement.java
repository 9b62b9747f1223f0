package dev.pulseboard.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Wall time, this JVM's CPU time and the bytes its threads allocated, between start and stop. */
final class Measurement {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long startNanos = System.nanoTime();
    private final long startCpuNanos = OS.getProcessCpuTime();
    private final long startAllocated = allocatedBytes();

    record Result(double seconds, double cpuSeconds, long allocatedBytes) {
        double perSecond(long count) {
            return count / seconds;
        }
    }

    Result stop() {
        return new Result((System.nanoTime() - startNanos) / 1e9, (OS.getProcessCpuTime() - startCpuNanos) / 1e9,
                allocatedBytes() - startAllocated);
    }

    /** Threads that ended in between are missed; the measured phases keep their threads alive. */
    private static long allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        return Arrays.stream(THREADS.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }
}
