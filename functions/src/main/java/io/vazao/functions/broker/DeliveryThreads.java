package io.vazao.functions.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which the RabbitMQ client calls the worker's consumers. The client runs a
 * channel's deliveries here in blocks (one task per block, at most 16 deliveries, the rest in a
 * following task), so the end of a task is when the delivery thread has nothing more in hand: the
 * moment to send acknowledgements that were held for a batch ({@link #afterEachBlock}).
 */
final class DeliveryThreads extends ThreadPoolExecutor {

    private final List<Runnable> afterBlock = new CopyOnWriteArrayList<>();

    DeliveryThreads(int threads) {
        super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new Named());
    }

    void afterEachBlock(Runnable hook) {
        afterBlock.add(hook);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        for (Runnable hook : afterBlock) {
            hook.run();
        }
    }

    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "vazao-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
